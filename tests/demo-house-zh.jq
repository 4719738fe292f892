# demo-house-zh.jq: the demo house (data/houses/demo.json) as a Chinese-speaking family names it:
# Chinese aliases for its rooms, floors and the devices people talk about (the names stay
# English, so answers read "已关闭Kitchen的2盏灯"). Used by the tests that speak Chinese to hubd:
#   jq -f tests/demo-house-zh.jq data/houses/demo.json > house-zh.json
  def al($n; $a): map(if .name == $n then .aliases += $a else . end);
  .floors |= (al("Ground Floor"; ["一楼", "楼下"]) | al("First Floor"; ["二楼", "楼上"]))
  | .areas |= (al("Kitchen"; ["厨房"]) | al("Living Room"; ["客厅"]) | al("Hallway"; ["走廊", "门厅"])
      | al("Garage"; ["车库"]) | al("Bedroom"; ["卧室", "主卧"]) | al("Study"; ["书房"])
      | al("Bathroom"; ["浴室", "卫生间"]) | al("Kids Room"; ["儿童房"]))
  | .entities |= (al("Desk Lamp"; ["台灯"]) | al("Living Room Lamp"; ["落地灯"])
      | al("Coffee Machine"; ["咖啡机"]) | al("Living Room Blinds"; ["百叶窗"])
      | al("Bedroom Curtains"; ["窗帘"]) | al("Garage Door"; ["车库门"])
      | al("Front Door Lock"; ["前门", "大门"]) | al("Garage Side Door Lock"; ["侧门"])
      | al("Main Water Valve"; ["总水阀"]) | al("Living Room Thermostat"; ["温控器"])
      | al("Bedroom Ceiling Fan"; ["吊扇"]) | al("Living Room Speaker"; ["音箱"])
      | al("Kids Room TV"; ["电视"]) | al("Robo Vacuum"; ["扫地机器人", "扫地机"])
      | al("Bedside Lamp 1"; ["左边的床头灯"]) | al("Bedside Lamp 2"; ["右边的床头灯"]))
