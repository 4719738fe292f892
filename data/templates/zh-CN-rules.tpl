# 中文规则句（`hub-train data --rules`；语法见 data/README.md，行格式见 engine/intent_line.h）。
# {action} 是设备意图的普通模板，原地展开；{at} {after} {before} 时刻；{for} {offset:before|after}
# 时长；{when:领域/类别,...} 触发实体；{above} {below} 数值；{to=...} {sun=...} {days=...} 封闭值。
# 规则名都以 zr_ 开头，不给 zh-CN.tpl 的规则添加选项。All phrasings written for hubd by its engineers.

intent HubCreateRule

rule zr_when = 当 | 如果 | 要是 | 一旦 | 只要 | 每当
rule! zr_when = 假如 | 每次
rule zr_shi = [的时候 | 时 | 以后 | 之后 | 了]
rule zr_then = [，] [就 | 请 | 帮我 | 自动 | 那就]
rule zr_days = 每天 {days=daily} | 每日 {days=daily} | 天天 {days=daily} | 工作日 {days=weekdays} | 每个工作日 {days=weekdays} | 周一到周五 {days=weekdays} | 周末 {days=weekends} | 每个周末 {days=weekends} | 每周一 {days=mon} | 星期一 {days=mon} | 每周二 {days=tue} | 星期二 {days=tue} | 每周三 {days=wed} | 星期三 {days=wed} | 每周四 {days=thu} | 星期四 {days=thu} | 每周五 {days=fri} | 星期五 {days=fri} | 每周六 {days=sat} | 星期六 {days=sat} | 每周日 {days=sun} | 星期天 {days=sun} | 每个星期天 {days=sun}
rule! zr_days = 每一天 {days=daily} | 礼拜一到礼拜五 {days=weekdays} | 周六周日 {days=weekends}
rule zr_win = {after} (以后 | 之后 | 后) | {before} (以前 | 之前 | 前) | {after} 到 {before} (之间 | 期间) | 在 {after} 之后 | 在 {before} 之前 | 从 {after} 到 {before}
rule! zr_win = 过了 {after} | 不到 {before}
# after a comma: glued to an action that ends in a number, "调到四十" + "五秒" would read 四十五秒
rule zr_for = {for} | 持续 {for} | {for} 后 (关掉 | 自动关闭 | 再关上) | 开 {for}
rule! zr_for = 保持 {for} | 维持 {for}

rule zr_doors = {when:binary_sensor/door,binary_sensor/window,binary_sensor/opening,cover/garage,cover/window,cover/gate}
rule zr_trig_state = <zr_doors> (打开 | 被打开 | 开了 | 开着) {to=open} | <zr_doors> (关上 | 关闭 | 被关上 | 关了) {to=closed}
rule zr_trig_state = {when:binary_sensor/motion,binary_sensor/occupancy} (检测到有人 | 感应到有人 | 检测到动静 | 触发) {to=on} | {when:binary_sensor/motion,binary_sensor/occupancy} (检测不到人 | 没人 | 恢复正常) {to=off}
rule zr_trig_state = {when:binary_sensor/smoke,binary_sensor/moisture} (报警 | 触发 | 响了) {to=on}
rule zr_trig_state = {when:lock} (被打开 | 开锁 | 解锁) {to=unlocked} | {when:lock} (锁上 | 上锁 | 被锁上) {to=locked}
rule zr_trig_state = {when:person} (回家 | 到家 | 回来) {to=home} | {when:person} (出门 | 离开家 | 离家 | 不在家) {to=not_home}
rule zr_trig_state = {when:light,switch,fan,input_boolean} (被打开 | 打开 | 开了) {to=on} | {when:light,switch,fan,input_boolean} (被关掉 | 关掉 | 关了) {to=off}
rule! zr_trig_state = <zr_doors> (被人推开 | 没关) {to=open} | {when:person} (进门) {to=home}
rule zr_trig_num = {when:sensor} (超过 | 高于 | 大于 | 升到 | 达到) {above} | {when:sensor} (低于 | 小于 | 降到 | 不到 | 跌破) {below}
rule! zr_trig_num = {when:sensor} (突破) {above} | {when:sensor} (掉到) {below}
rule zr_sunset = 日落 | 太阳下山 | 天黑 | 傍晚日落
rule zr_sunrise = 日出 | 太阳出来 | 天亮 | 太阳升起
rule zr_sun = <zr_sunset> {sun=sunset} [的时候 | 时] | <zr_sunrise> {sun=sunrise} [的时候 | 时] | <zr_sunset> {sun=sunset} 前 {offset:before} | <zr_sunset> {sun=sunset} 后 {offset:after} | <zr_sunrise> {sun=sunrise} 前 {offset:before} | <zr_sunrise> {sun=sunrise} 后 {offset:after}
rule! zr_sun = 夕阳西下 {sun=sunset} 时 | 天刚亮 {sun=sunrise} 时
rule zr_make = (帮我 | 请) (设置 | 建 | 创建 | 加) (一个 | 一条) (规则 | 自动化) [，] | 以后 | 设置成

# time of day
t r.at.1 = [<zr_days>] {at} <zr_then> {action}
t r.at.2 = [<zr_days>] 在 {at} <zr_then> {action}
t r.at.3 = <zr_days> {at} [的时候] [，] {action}
t r.at.4 = <zr_make> [<zr_days>] {at} {action}
t r.at.5 = [<zr_days>] {at} <zr_then> {action:HassTurnOn,HassLightSet} ， <zr_for>
t r.at.6 = {action} [，] 时间 [是] [<zr_days>] {at}
t! r.at.h1 = 到了 {at} [<zr_days>] 记得 {action}
t! r.at.h2 = 定个时 [，] [<zr_days>] {at} {action}

# state of an entity
t r.state.1 = <zr_when> <zr_trig_state> <zr_shi> <zr_then> {action}
t r.state.2 = [<zr_win>] <zr_when> <zr_trig_state> <zr_shi> <zr_then> {action}
t r.state.3 = <zr_when> <zr_trig_state> <zr_shi> [，] [<zr_win>] <zr_then> {action}
t r.state.4 = <zr_when> <zr_trig_state> <zr_shi> <zr_then> {action:HassTurnOn,HassLightSet,HassSetPosition} ， <zr_for>
t r.state.5 = [<zr_days>] <zr_when> <zr_trig_state> <zr_shi> <zr_then> {action}
t r.state.6 = <zr_make> <zr_when> <zr_trig_state> <zr_shi> {action}
t! r.state.h1 = <zr_trig_state> 的话 [<zr_win>] [，] 麻烦 {action}
t! r.state.h2 = 每回 <zr_trig_state> [，] 都 {action}
t! r.state.h3 = <zr_trig_state> 以后 [，] {action:HassTurnOn,HassLightSet} ， <zr_for>

# numeric state of a sensor
t r.num.1 = <zr_when> <zr_trig_num> <zr_shi> <zr_then> {action}
t r.num.2 = <zr_when> <zr_trig_num> <zr_shi> [，] [<zr_win>] <zr_then> {action}
t r.num.3 = <zr_make> <zr_when> <zr_trig_num> <zr_shi> {action}
t! r.num.h1 = <zr_trig_num> 的话 [，] 麻烦 {action}

# sun
t r.sun.1 = [<zr_days>] <zr_sun> <zr_then> {action}
t r.sun.2 = <zr_make> [<zr_days>] <zr_sun> {action}
t r.sun.3 = [<zr_days>] <zr_sun> <zr_then> {action:HassTurnOn,HassSetPosition} ， <zr_for>
t! r.sun.h1 = 等到 <zr_sun> [，] {action}
