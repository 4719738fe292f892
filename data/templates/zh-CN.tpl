# Simplified Chinese templates for `hub-train data` (grammar: data/README.md). Words are written
# with spaces for readability; the generator joins Chinese without spaces.
# All phrasings written for hubd by its engineers.

# ---------- shared pieces ----------
rule please = 请 | 麻烦 | 帮我 | 麻烦你 | 请帮我 | 能不能 | 可以 | 你能 | 劳驾 | 给我 | 帮忙
rule! please = 拜托 | 辛苦你 | 能否 | 请你
rule pre = [<please>]
rule pre = [<please>]
rule pre = [<please>]
rule pre = [<please>]
rule pre = <filler> [，] [<please>]
rule filler = 嗯 | 那个 | 呃 | 哎 | 嗯嗯
rule! filler = 额 | 唔
# demonstratives before a device name ("打开那个台灯"); the name span stays the name
rule zdem = 那个 | 这个
rule post = [吧 | 一下 | 谢谢 | 好吗 | 好不好 | 呗 | 可以吗 | 谢啦 | 哦]
rule! post = [行吗 | 多谢 | 拜托了]
rule de = [的]
rule all = 所有 | 全部 | 所有的 | 全部的 | 整个
rule! all = 一切 | 每个
rule in_area = {area} <de> | {area} 里 <de> | {area} 里面 <de>
rule! in_area = {area} 那边 <de> | {area} 那儿 <de>
rule on_floor = {floor} <de> | {floor} 所有 <de>
rule! on_floor = {floor} 整层 <de>

rule lights = {domain=light} (灯 | 灯光 | 电灯 | 照明 | 所有灯 | 灯泡)
rule! lights = {domain=light} (吊灯和台灯 | 照明灯)
rule fans = {domain=fan} (风扇 | 电扇 | 吊扇)
rule! fans = {domain=fan} (电风扇 | 排风扇)
rule ldom = <lights> | <lights> | <fans>
rule coverkind = {domain=cover,device_class=blind} (百叶窗 | 百叶帘) | {domain=cover,device_class=curtain} (窗帘 | 布帘) | {domain=cover,device_class=shade} (卷帘 | 遮光帘) | {domain=cover,device_class=shutter} (卷帘门 | 外百叶) | {domain=cover,device_class=garage} (车库门 | 车库) | {domain=cover,device_class=window} (窗户 | 窗) | {domain=cover,device_class=awning} (遮阳篷 | 雨篷) | {domain=cover,device_class=gate} (大门 | 院门)
rule! coverkind = {domain=cover,device_class=curtain} (纱帘 | 窗幔) | {domain=cover,device_class=shade} (遮阳帘) | {domain=cover,device_class=blind} (竹帘)

rule dev = {name:light,switch,fan,media_player,input_boolean} | {name:light,switch,fan,media_player,input_boolean} | <zdem> {name:light,switch,fan,media_player,input_boolean}
rule onoff_tgt = <dev> | <in_area> <dev> | <on_floor> <dev> | [<all>] <ldom> | <in_area> [<all>] <ldom> | <on_floor> [<all>] <ldom>
rule! onoff_tgt = {area} 那边 的 <ldom> | 在 {area} 的 <dev>
rule cover_tgt = {name:cover} | <in_area> {name:cover} | <on_floor> {name:cover} | [<all>] <coverkind> | <in_area> <coverkind> | <on_floor> [<all>] <coverkind>

# ---------- on / off ----------
intent HassTurnOn
t on.1 = <pre> (打开 | 开 | 开启 | 打开一下 | 开一下) <onoff_tgt> <post>
t on.2 = <pre> 把 <onoff_tgt> (打开 | 开开 | 开一下 | 开起来 | 都打开) <post>
t on.3 = <onoff_tgt> (开 | 打开) [一下 | 吧]
t on.4 = 我 (想 | 要) (打开 | 开) <onoff_tgt>
t on.5 = <pre> (打开 | 拉开 | 升起 | 拉起) <cover_tgt> <post>
t on.6 = <pre> 把 <cover_tgt> (打开 | 拉开 | 升起来 | 收起来) <post>
t on.7 = <pre> (锁上 | 锁好) [<in_area>] {name:lock} <post>
t on.8 = <pre> 把 [<in_area>] {name:lock} 锁 (上 | 好 | 起来) <post>
t on.9 = <pre> (打开 | 开启) [<in_area>] {name:valve} <post>
t on.10 = <pre> (启动 | 开启 | 切换到 | 打开 | 进入) {name:scene} [场景 | 模式] <post>
t on.11 = <pre> (运行 | 执行 | 启动) {name:script} [脚本 | 流程] <post>
t on.12 = <pre> (打开 | 开启) [<in_area>] {name:climate} <post>
t on.13 = (开灯 | 开个灯 | 把灯开了) {domain=light} [吧]
t on.14 = (黑乎乎 的 | 看 不 见 了 | 天 黑 了) ， (开 个 灯 | 把 灯 打开) {domain=light} [吧]
t on.15 = <in_area> <lights> (开 一下 | 打开 吧 | 开开)
t! on.h1 = <pre> (启用 | 点亮 | 通电) <onoff_tgt> <post>
t! on.h2 = (太暗了 | 好黑) ， <pre> 把 <onoff_tgt> 打开
t! on.h3 = <pre> 帮忙 把 <cover_tgt> 拉 开
t! on.h4 = <pre> 把 {name:lock} 上锁 | <pre> 给 {name:lock} 上锁
t! on.h5 = <pre> 来 个 {name:scene} [场景 | 模式] | <pre> 跑 一下 {name:script} [脚本]
t! on.h6 = <pre> 把 {name:valve} 拧开

intent HassTurnOff
t off.1 = <pre> (关 | 关掉 | 关闭 | 关上 | 关一下) <onoff_tgt> <post>
t off.2 = <pre> 把 <onoff_tgt> (关掉 | 关上 | 关了 | 关闭 | 都关了) <post>
t off.3 = <onoff_tgt> (关 | 关掉) [一下 | 吧]
t off.4 = 我 (想 | 要) 关 (掉 | 上) <onoff_tgt>
t off.5 = <pre> (关上 | 拉上 | 放下 | 合上) <cover_tgt> <post>
t off.6 = <pre> 把 <cover_tgt> (关上 | 拉上 | 放下来 | 降下来 | 合上) <post>
t off.7 = <pre> (解锁 | 打开) [<in_area>] {name:lock} <post>
t off.8 = <pre> 把 [<in_area>] {name:lock} (解锁 | 的 锁 打开) <post>
t off.9 = <pre> (关闭 | 关掉 | 关上) [<in_area>] {name:valve} <post>
t off.10 = <pre> (把 家里 所有 的 灯 都 关了 | 关掉 全屋 的 灯 | 全部 关灯) {domain=light}
t off.11 = (关灯 | 把灯关了 | 熄灯) {domain=light} [吧]
t off.12 = <pre> (关掉 | 关闭) [<in_area>] {name:climate} <post>
t off.13 = (我 要 睡 了 | 出门 了 | 走 了) ， <pre> (把 <onoff_tgt> 关 了 | 关掉 <onoff_tgt>)
t! off.h1 = <pre> (断开 | 停用 | 熄灭) <onoff_tgt> <post>
t! off.h2 = {area} 没 人 了 ， <pre> 把 <ldom> 关 了
t! off.h3 = <pre> 把 <cover_tgt> 拉 (上 | 严实)
t! off.h4 = <pre> 给 {name:lock} 开锁 | 我 到 家 了 ， (解锁 | 打开) {name:lock}
t! off.h5 = <pre> 把 {name:valve} 拧紧 | 断掉 {name:valve}

# ---------- state ----------
intent HassGetState
rule onoff_state = 开着 {state=on} | 关着 {state=off} | 开着的 {state=on} | 关了 {state=off} | 亮着 {state=on}
rule open_state = 开着 {state=open} | 关着 {state=closed} | 打开的 {state=open} | 关上了 {state=closed}
rule lock_state = 锁着 {state=locked} | 锁好了 {state=locked} | 没锁 {state=unlocked} | 开着 {state=unlocked}
rule bs_state = 开着 {state=on} | 关着 {state=off} | 触发了 {state=on}
rule ma = 吗 | 没有 | 呢
t st.1 = {name:sensor,climate,media_player,light,switch,fan,cover,lock,valve} (现在 | 目前) [的] (是 多少 | 多少 | 什么 状态 | 状态 怎么样 | 读数 是 多少) [？]
t st.2 = (查 一下 | 看看 | 告诉 我) {name} 的 (状态 | 读数 | 情况)
t st.3 = {name:light,switch,fan} (是 | 还) <onoff_state> [的] <ma> [？]
t st.4 = {name:cover,valve} (是 | 还) <open_state> <ma> [？]
t st.5 = {name:lock} <lock_state> <ma> [？]
t st.6 = (<in_area> | <on_floor>) {name:cover,lock} (<open_state> | <lock_state>) <ma> [？]
t st.7 = [<in_area> | <on_floor>] {name:binary_sensor} <bs_state> <ma> [？]
t st.8 = {name:person} (在 哪 | 在 哪里 | 在 哪儿 | 现在 在 哪) [？]
t st.9 = {name:person} (在 家 {state=home} | 回家 了 {state=home} | 出门 了 {state=not_home} | 不在 家 {state=not_home}) <ma> [？]
t st.10 = [<in_area> | <on_floor>] (有 没有 | 有) <lights> <onoff_state> [？]
t st.11 = [<in_area> | <on_floor>] (哪些 | 哪个) <lights> (是 | 还) <onoff_state> [？]
t st.12 = [<in_area> | <on_floor>] <lights> (都 | 全) <onoff_state> <ma> [？]
t st.13 = [<in_area> | <on_floor>] <fans> (都 | 还) <onoff_state> <ma> [？]
t st.14 = [<in_area> | <on_floor>] (开关 | 插座) {domain=switch} (都 | 还) <onoff_state> <ma> [？]
t st.15 = [<in_area> | <on_floor>] (门锁 | 锁) {domain=lock} (都 | 全) <lock_state> <ma> [？]
t st.16 = (谁 在 家 | 有 人 在 家 吗 | 家里 有 人 吗 | 谁 回来 了) {domain=person} {state=home} [？]
t st.17 = [<in_area> | <on_floor>] <coverkind> (都 | 是) <open_state> <ma> [？]
t st.18 = 我 (是不是 | 有没有) 忘了 关 {name:light,switch,fan} {state=on} [？]
t st.19 = [<in_area> | <on_floor>] 有 几 (盏 | 个) <lights> <onoff_state> [？]
t st.20 = (门 | 锁 | 门锁) {domain=lock} (锁 上 了 {state=locked} | 锁 好 了 {state=locked} | 开 着 {state=unlocked}) (没 | 吗 | 没有) [？]
t st.21 = {name:light,switch,fan} (还 | 是不是) <onoff_state> [？]
t! st.h1 = (帮 我 看看 | 查查) {name:light,switch,fan} (是不是 | 有没有) <onoff_state>
t! st.h2 = (帮 我 看看 | 查查) {name:cover,valve} (是不是 | 是否) <open_state>
t! st.h3 = [<in_area>] {name:lock} (锁 上 了 {state=locked} | 是 开着 的 {state=unlocked}) <ma> [？]
t! st.h4 = {name} (怎么样 了 | 啥 情况) [？]
t! st.h5 = [<in_area> | <on_floor>] (还 有 | 有 哪些) <lights> (没 关 {state=on} | 关 了 {state=off}) [？]
t! st.h6 = [<in_area> | <on_floor>] <coverkind> (拉 上 了 {state=closed} | 拉 开 了 {state=open}) <ma> [？]
t! st.h7 = {name:person} (回来 了 {state=home} | 走 了 {state=not_home}) <ma> [？] | 找 一下 {name:person}
t! st.h8 = [<in_area> | <on_floor>] {name:binary_sensor} (有 动静 {state=on} | 没 动静 {state=off}) <ma> [？]
t! st.h9 = [<in_area> | <on_floor>] (门锁 | 锁) {domain=lock} (是不是 | 都) <lock_state> [？] | 家里 (还 有 人 | 有人) {domain=person} {state=home} 吗 [？]
t! st.h10 = [<in_area> | <on_floor>] (开关 | 插座) {domain=switch} (是不是 | 都) <onoff_state> [？] | [<in_area> | <on_floor>] <fans> (是不是 | 都) <onoff_state> [？]

# ---------- position ----------
intent HassSetPosition
t pos.1 = <pre> 把 <cover_tgt> (调到 | 开到 | 设到 | 设置为 | 设为 | 升到 | 降到) {position} <post>
t pos.2 = <pre> (<cover_tgt> 开 到 | <cover_tgt> 调 到 | <cover_tgt> 关 到) {position} <post>
t pos.3 = <pre> 把 [<in_area>] {name:valve} (开到 | 调到) {position}
t pos.4 = <cover_tgt> {position} [吧]
t! pos.h1 = <pre> 让 <cover_tgt> 停 在 {position}
t! pos.h2 = 我 想 把 <cover_tgt> (拉 到 | 放 到) {position}
t! pos.h3 = <pre> 把 {name:valve} 拧 到 {position}

# ---------- lights ----------
intent HassLightSet
rule lightsd = {domain=light} (灯 | 灯光 | 电灯 | 照明)
rule! lightsd = {domain=light} (灯具 | 吸顶灯们)
rule light_tgt = {name:light} | [<all>] <lightsd> | <in_area> <lightsd> | <on_floor> <lightsd>
rule bright = 亮度 | 光 | 亮度值
t ls.1 = <pre> 把 <light_tgt> [的 <bright>] (调到 | 调成 | 设为 | 设置为 | 调至) {brightness} <post>
t ls.2 = <pre> (调 | 设置) <light_tgt> 的 <bright> (到 | 为) {brightness} <post>
t ls.3 = <pre> 把 <light_tgt> (调暗 | 调亮 | 调低 | 调高) 到 {brightness} <post>
t ls.4 = <pre> [<in_area> | <on_floor>] <bright> (调到 | 设为 | 调成) {brightness} {domain=light} <post>
t ls.5 = <pre> 把 <light_tgt> (调成 | 变成 | 换成 | 改成 | 设成) {color} [的] <post>
t ls.6 = <pre> 把 <light_tgt> 的 颜色 (调成 | 换成 | 改成 | 设为) {color} <post>
t ls.7 = <pre> [<in_area> | <on_floor>] 灯光 颜色 (换成 | 改成 | 调成) {color} {domain=light}
t ls.8 = <pre> 把 <light_tgt> 的 色温 (调到 | 设为 | 调成) {temperature:kelvin} <post>
t ls.9 = <pre> [<in_area> | <on_floor>] 色温 (调到 | 设为) {temperature:kelvin} {domain=light}
t ls.10 = <light_tgt> (亮度 | 调到) {brightness} [吧]
t ls.11 = <pre> 把 <light_tgt> (调到 | 设成) {temperature:kelvin} <post>
t! ls.h1 = <pre> 让 <light_tgt> (亮 | 暗) 到 {brightness}
t! ls.h2 = 我 想 要 <light_tgt> (是 | 变成) {color} [的]
t! ls.h3 = <pre> 给 <light_tgt> 换 个 {color} [的 颜色]
t! ls.h4 = <pre> 让 <light_tgt> 的 色温 变成 {temperature:kelvin}
t! ls.h5 = <pre> [<in_area> | <on_floor>] (光线 | 灯) (调 到 | 弄 到) {brightness} {domain=light}
t! ls.h6 = <pre> [<in_area> | <on_floor>] (弄成 | 来 点) {color} {domain=light} [的 灯光] | <pre> [<in_area> | <on_floor>] 色温 弄 成 {temperature:kelvin} {domain=light}

# ---------- climate ----------
intent HassClimateSetTemperature
rule heat = 温度 | 空调 | 暖气 | 恒温器 | 室温
t ct.1 = <pre> 把 <heat> (调到 | 设为 | 设置为 | 调成 | 开到) {temperature} <post>
t ct.2 = <pre> 把 (<in_area> | <on_floor>) <heat> (调到 | 设为 | 调成) {temperature} <post>
t ct.3 = <pre> 把 {name:climate} (调到 | 设为 | 设置成 | 开到) {temperature} <post>
t ct.4 = <pre> (温度 | 室温) (调到 | 设为) {temperature} [<in_area> | <on_floor>]
t ct.5 = [<in_area> | <on_floor>] (温度 | 空调) {temperature} [吧]
t! ct.h1 = 我 想 让 [<in_area> | <on_floor>] (温度 | 室温) 保持 在 {temperature}
t! ct.h2 = <pre> 把 [<in_area> | <on_floor>] <heat> (升 | 降) 到 {temperature}
t! ct.h3 = <pre> 让 {name:climate} 保持 {temperature}

intent HassClimateGetTemperature
t cg.1 = [<in_area> | <on_floor> | 屋里 | 室内 | 现在] (温度 | 室温) (是 多少 | 多少 | 几 度) [？]
t cg.2 = [<in_area> | <on_floor> | 屋里 | 这里] (有 多 热 | 有 多 冷 | 热 不 热 | 冷 不 冷) [？]
t cg.3 = {name:climate} (设置 的 是 | 现在 是 | 开 的 是) (多少 度 | 几 度) [？]
t cg.4 = (告诉 我 | 查 一下) [<in_area> | <on_floor>] 的 (温度 | 室温)
t! cg.h1 = [<in_area> | <on_floor>] 现在 几 度 了 [？]
t! cg.h2 = {name:climate} 显示 多少 度 [？]
t! cg.h3 = (屋里 | 家里 | <in_area> | <on_floor>) 暖和 吗 [？]

# ---------- lists ----------
intent HassShoppingListAddItem
t sl.1 = <pre> 把 {item} (加到 | 加入 | 添加到 | 放进 | 写进) 购物 (清单 | 单) [里 | 上] <post>
t sl.2 = <pre> (在 | 往) 购物 (清单 | 单) (里 | 上) (加 | 添加 | 加上) {item} <post>
t sl.3 = 购物 (清单 | 单) (加 | 添加) {item}
t sl.4 = <pre> (记得 | 提醒 我) (买 | 要 买) {item}
t sl.5 = {item} (快 没 了 | 没有 了) ， (加到 | 记到) 购物 (清单 | 单) [里 | 上]
t! sl.h1 = {item} (没 了 | 用完 了) ， 加到 购物 清单 里
t! sl.h2 = <pre> 购物 清单 上 (记 | 写) 一下 {item}

intent HassShoppingListCompleteItem
t sc.1 = <pre> 把 购物 (清单 | 单) (里 | 上) 的 {item} (勾掉 | 划掉 | 标记 为 完成 | 打勾) <post>
t sc.2 = <pre> (勾掉 | 划掉) 购物 (清单 | 单) (里 | 上) 的 {item}
t sc.3 = {item} (买 好 了 | 已经 买 了 | 买到 了) [, 从 购物 清单 上 勾掉]
t! sc.h1 = 购物 清单 上 的 {item} 搞定 了
t! sc.h2 = <pre> 把 {item} 在 购物 清单 上 标 成 已 完成

intent HassListAddItem
rule list = {name:todo} [清单 | 列表]
t la.1 = <pre> 把 {item} (加到 | 加入 | 添加到 | 写进) <list> [里 | 上 | 中] <post>
t la.2 = <pre> (在 | 往) <list> (里 | 上) (加 | 添加 | 加上) {item} <post>
t la.3 = <list> (加 | 添加) {item}
t! la.h1 = <pre> <list> 上 (记 | 写) 一下 {item}
t! la.h2 = <pre> 把 {item} 记 到 <list> 上

intent HassListCompleteItem
t lc.1 = <pre> 把 <list> (里 | 上) 的 {item} (勾掉 | 划掉 | 标记 为 完成 | 打勾) <post>
t lc.2 = <pre> (勾掉 | 划掉) <list> (里 | 上) 的 {item}
t! lc.h1 = <list> 上 的 {item} 搞定 了
t! lc.h2 = <pre> 把 {item} 在 <list> 上 标 成 已 完成

intent HassListRemoveItem
t lr.1 = <pre> (从 | 把) <list> (里 | 上 | 中) (删除 | 删掉 | 去掉 | 移除) {item} <post>
t lr.2 = <pre> 把 {item} (从 | 在) <list> (里 | 上 | 中) (删掉 | 去掉 | 拿掉) <post>
t! lr.h1 = <list> 里 (不 需要 | 不要) {item} 了 ， 删掉
t! lr.h2 = <pre> 把 <list> 上 的 {item} 清 掉

# ---------- weather, time, date ----------
intent HassGetWeather
t we.1 = [今天 | 现在 | 外面] 天气 (怎么样 | 如何 | 好 吗 | 咋样) [？]
t we.2 = {name:weather} (的 天气 | 天气) (怎么样 | 如何 | 咋样) [？]
t we.3 = (告诉 我 | 查 一下 | 播报 一下) [{name:weather} 的] 天气 [预报]
t we.4 = (今天 | 外面) (会 下雨 吗 | 冷 不 冷 | 热 吗 | 出 太阳 了 吗) [？]
t! we.h1 = 出门 要 带 伞 吗 [？] | 外面 (啥 | 什么) 天气 [？]
t! we.h2 = [{name:weather}] 天气 (预报 | 情况) [一下]

intent HassGetCurrentTime
t ti.1 = 现在 (几点 | 几点 了 | 几点 钟) [？]
t ti.2 = 现在 (什么 时间 | 是 什么 时候) [了] [？]
t ti.3 = <pre> 告诉 我 (现在 的 时间 | 几点 了)
t! ti.h1 = 几点 了 [呀 | 啊] [？]
t! ti.h2 = 报 (个 | 一下) 时间

intent HassGetCurrentDate
t da.1 = 今天 (几号 | 是 几号 | 是 几月 几号 | 几月 几号) [？]
t da.2 = 今天 (星期几 | 礼拜几 | 周几) [？]
t da.3 = <pre> 告诉 我 今天 的 日期
t! da.h1 = 今天 是 (什么 日子 | 哪 一天) [？]
t! da.h2 = (报 一下 | 说 一下) 日期

# ---------- vacuum and mower ----------
intent HassVacuumStart
rule vac = 扫地机器人 | 扫地机 | 扫地机器 | 吸尘器 | 机器人
t vs.1 = <pre> (启动 | 开启 | 打开 | 运行) {name:vacuum} <post>
t vs.2 = <pre> (启动 | 开启 | 打开) (<in_area> | <on_floor>) <vac> <post>
t vs.3 = <pre> 让 {name:vacuum} (开始 工作 | 开始 扫地 | 干活)
t! vs.h1 = <pre> 让 (<in_area> | <on_floor>) <vac> (动 起来 | 开工)
t! vs.h2 = {name:vacuum} 开工 [吧]

intent HassVacuumReturnToBase
t vb.1 = <pre> 让 {name:vacuum} (回 去 充电 | 回 充电座 | 回 基座 | 回家) <post>
t vb.2 = <pre> (把 {name:vacuum} 召回 | 召回 {name:vacuum}) <post>
t vb.3 = <pre> 让 <in_area> <vac> (回 充电座 | 回 去 充电)
t! vb.h1 = {name:vacuum} (回 窝 | 回 基站) [吧]
t! vb.h2 = <in_area> <vac> (收工 | 回去) [吧]

intent HassVacuumCleanArea
t vc.1 = <pre> (打扫 | 清扫 | 扫 一下 | 吸 一下) {area} <post>
t vc.2 = <pre> (打扫 | 清扫 | 扫) [一下] (这里 | 这个 房间 | 这儿)
t vc.3 = <pre> 让 {name:vacuum} (去 打扫 | 去 扫) {area}
t! vc.h1 = {area} (该 扫 了 | 需要 打扫 | 太 脏 了)
t! vc.h2 = <pre> 派 {name:vacuum} 去 {area} (扫地 | 打扫) | 这个 房间 (该 扫 了 | 太 脏 了)

intent HassLawnMowerStartMowing
t lm.1 = <pre> (开始 割草 | 割 一下 草 | 修剪 草坪) <post>
t lm.2 = <pre> (启动 | 打开) (割草机 | 割草 机器人) <post>
t lm.3 = <pre> (启动 | 打开) {name:lawn_mower} <post>
t! lm.h1 = 草 (太 长 了 | 该 割 了)
t! lm.h2 = <pre> 让 {name:lawn_mower} 去 割草

intent HassLawnMowerDock
t ld.1 = <pre> 让 (割草机 | 割草 机器人) (回 基站 | 回 充电站 | 回家) <post>
t ld.2 = <pre> 让 {name:lawn_mower} (回 基站 | 回 充电站 | 回家) <post>
t ld.3 = <pre> (停止 割草 | 别 割 了)
t! ld.h1 = (割草机 | 割草 机器人) 收工 [吧]
t! ld.h2 = {name:lawn_mower} (回 窝 | 收工) [吧]

# ---------- media ----------
rule mp_tgt = {name:media_player} [上 | 的] | <in_area>
rule mp_what = 音乐 | 歌 | 电影 | 电视 | 视频 | 播放 | 节目
rule! mp_what = 播客 | 这 首 歌

intent HassMediaPause
t mpa.1 = <pre> (暂停 | 停 一下) [<mp_what>] <post>
t mpa.2 = <pre> (暂停 | 停 一下) <mp_tgt> [<mp_what>] <post>
t mpa.3 = <pre> 把 <mp_tgt> [<mp_what>] 暂停 [一下] <post>
t mpa.4 = [<mp_tgt>] [<mp_what>] 暂停 [一下]
t mpa.5 = 别 (放 | 播 | 唱) 了 [<mp_tgt>]
t! mpa.h1 = 等 一下 ， (先 停 | 暂停) [<mp_tgt>] [<mp_what>]
t! mpa.h2 = <pre> 让 [<mp_tgt>] [<mp_what>] 先 停 一下

intent HassMediaUnpause
t mun.1 = <pre> (继续 播放 | 继续 | 恢复 播放) [<mp_what>] <post>
t mun.2 = <pre> (继续 播放 | 恢复 播放) <mp_tgt> [<mp_what>] <post>
t mun.3 = <pre> 让 <mp_tgt> [<mp_what>] 继续 (放 | 播放)
t! mun.h1 = 接着 (放 | 播) [<mp_tgt>] [<mp_what>]
t! mun.h2 = <pre> 把 [<mp_tgt>] [<mp_what>] 恢复 一下

intent HassMediaNext
t mnx.1 = <pre> (下 一 首 | 下一首 | 切歌 | 下 一 集 | 下一个) <post>
t mnx.2 = <pre> (播放 | 放) 下 一 (首 | 集 | 个) [<mp_tgt>]
t mnx.3 = <pre> <mp_tgt> (切 到 下 一 首 | 下 一 首 | 跳过 这 首)
t! mnx.h1 = (这 首 不 好听 | 换 一 首) [<mp_tgt>]
t! mnx.h2 = <pre> (跳 到 | 切 到) 下 一 (首 | 集) [<mp_tgt>]

intent HassMediaPrevious
t mpr.1 = <pre> (上 一 首 | 上一首 | 上 一 集 | 上一个) <post>
t mpr.2 = <pre> (播放 | 放) 上 一 (首 | 集 | 个) [<mp_tgt>]
t mpr.3 = <pre> <mp_tgt> (切 回 上 一 首 | 上 一 首 | 回到 上 一 首)
t! mpr.h1 = (刚才 那 首 | 再 放 一遍 上 一 首) [<mp_tgt>]
t! mpr.h2 = <pre> (跳 回 | 退 回) 上 一 (首 | 集) [<mp_tgt>]

intent HassSetVolume
rule vol = 音量 | 声音
t sv.1 = <pre> 把 <vol> (调到 | 设为 | 设置为 | 调成 | 开到) {volume_level} <post>
t sv.2 = <pre> 把 {name:media_player} 的 <vol> (调到 | 设为 | 调成) {volume_level} <post>
t sv.3 = <pre> 把 <in_area> <vol> (调到 | 设为) {volume_level} <post>
t sv.4 = [<mp_tgt>] <vol> {volume_level} [吧]
t! sv.h1 = <pre> <vol> (弄 到 | 放 到) {volume_level} [<mp_tgt>]
t! sv.h2 = 我 想 要 [<mp_tgt>] <vol> 是 {volume_level}

intent HassSetVolumeRelative
rule vup = {volume_step=up} (调大 | 调高 | 大 一点 | 大点 | 开大)
rule vdown = {volume_step=down} (调小 | 调低 | 小 一点 | 小点 | 关小)
rule vtgt = [<in_area> | <on_floor> | {name:media_player} 的]
t vr.1 = <pre> 把 <vtgt> <vol> (<vup> | <vdown>) [一点] <post>
t vr.2 = <pre> <vtgt> <vol> (<vup> | <vdown>) [一点 | 一些]
t vr.3 = <pre> 把 {name:media_player} (<vup> | <vdown>) <post>
t vr.4 = (大声 点 {volume_step=up} | 小声 点 {volume_step=down} | 太 吵 了 {volume_step=down} | 听 不 清 {volume_step=up})
t vr.7 = (声音 | 音量) (有点 | 太) (小 {volume_step=up} | 大 {volume_step=down}) [了] [<vtgt>]
t vr.5 = <pre> 把 <vtgt> <vol> (调大 | 调高 | 增加 | 提高) {volume_step:up} <post>
t vr.6 = <pre> 把 <vtgt> <vol> (调小 | 调低 | 减少 | 降低) {volume_step:down} <post>
t! vr.h1 = <vtgt> (声音 太 小 了 {volume_step=up} | 声音 太 大 了 {volume_step=down})
t! vr.h2 = <pre> <vtgt> <vol> (再 加 {volume_step:up} | 再 减 {volume_step:down})

intent HassMediaPlayerMute
t mu.1 = <pre> (静音 | 把 声音 关掉 | 关掉 声音) <post>
t mu.2 = <pre> 把 {name:media_player} 静音 <post>
t mu.3 = <pre> (静音 | 关掉) {name:media_player} [的 声音]
t! mu.h1 = <pre> 让 [{name:media_player}] 闭嘴
t! mu.h2 = <pre> 给 {name:media_player} 静音

intent HassMediaPlayerUnmute
t um.1 = <pre> (取消 静音 | 打开 声音 | 恢复 声音) <post>
t um.2 = <pre> (把 {name:media_player} 取消 静音 | 取消 {name:media_player} 的 静音) <post>
t um.3 = <pre> 恢复 {name:media_player} 的 声音
t! um.h1 = <pre> 把 声音 (开 回来 | 放 出来)
t! um.h2 = <pre> 让 {name:media_player} 出 声

intent HassMediaSearchAndPlay
rule mplace = [在 {name:media_player} 上] [在 {area}] | [用 {name:media_player}]
t ms.1 = <pre> <mplace> (播放 | 放 | 来 点 | 放 一下) {search_query} <post>
t ms.2 = <pre> 我 想 (听 | 看) {search_query}
t ms.3 = <pre> <mplace> (播放 | 放) (专辑 {media_class=album} {search_query:album} | 歌曲 {media_class=track} {search_query:track} | 歌单 {media_class=playlist} {search_query:playlist} | 电影 {media_class=movie} {search_query:movie} | 播客 {media_class=podcast} {search_query:podcast} | 电视剧 {media_class=tv_show} {search_query:tv_show}) <post>
t ms.4 = <pre> <mplace> (播放 | 放) {media_class=artist} {search_query:artist} 的 (歌 | 音乐 | 歌曲)
t ms.5 = <pre> <mplace> 放 一 首 {search_query:track} {media_class=track}
t! ms.h1 = <pre> <mplace> 来 (一 首 | 首) {search_query:track} {media_class=track} | <pre> <mplace> 来 点 {search_query}
t! ms.h2 = <pre> <mplace> 我 想 (听 {search_query:artist} 的 歌 {media_class=artist} | 看 {search_query:movie} {media_class=movie} | 听 {search_query})
t! ms.h3 = <pre> <mplace> 放 (专辑 {search_query:album} {media_class=album} | 播客 {search_query:podcast} {media_class=podcast} | {search_query})

# ---------- broadcast, respond, nevermind ----------
intent HassBroadcast
t bc.1 = <pre> (广播 | 通知 大家 | 告诉 所有人 | 跟 大家 说) [一下] [，] {message}
t bc.2 = (广播 | 全屋 广播) ： {message}
t! bc.h1 = <pre> (喊 一下 大家 | 通知 全家) [，] {message}
t! bc.h2 = <pre> 发 个 广播 [，] {message}

intent HassRespond
t re.1 = (谢谢 | 谢谢 你 | 多谢 | 谢啦) [！]
t re.2 = (你好 | 早上好 | 晚上好 | 嗨) [！]
t! re.h1 = (干得 好 | 辛苦 了 | 太棒了) [！]

intent HassNevermind
t nm.1 = (算了 | 没事 | 不用了 | 当 我 没 说) [！]
t nm.2 = (哦 | 啊 | 不) ， (算了 | 没事 了)
t nm.3 = (忽略 吧 | 别 管 了)
t! nm.h1 = (我 改 主意 了 | 说 错 了 | 不好意思 ， 没事)
t! nm.h2 = (不是 跟 你 说 的 | 没 叫 你)

# ---------- timers ----------
rule timer = 计时器 | 定时器 | 倒计时
rule dur = {hours} | {minutes} | {seconds} | {hours} [零] {minutes} | {hours} 零 {seconds} | {minutes} [零] {seconds} | {hours} {minutes} {seconds}
rule sdur = {start_hours} | {start_minutes} | {start_seconds}
rule timer_tgt = [这个 | 那个] <timer> | {name:timer} (的 | 那个) <timer> | <sdur> (的 | 那个) <timer> | {area} (的 | 里 的) <timer>
rule! timer_tgt = 给 {name:timer} 设 的 <timer> | <sdur> 那 个 <timer>

intent HassStartTimer
t tm.1 = <pre> (设 | 设置 | 定 | 开) 一个 <dur> 的 <timer> <post>
t tm.2 = <pre> <timer> <dur> <post>
t tm.3 = <pre> (设 | 设置) 一个 {name:timer} 的 <timer> ， <dur>
t tm.4 = <pre> (给 | 为) {name:timer} (设 | 定) 一个 <dur> 的 <timer>
t tm.5 = <pre> <dur> (后 | 以后 | 之后) 提醒 我 [一下]
t tm.6 = <pre> <dur> (后 | 以后 | 之后) {conversation_command}
t tm.7 = <pre> 定时 <dur> [，] [{name:timer}]
t tm.8 = <pre> <dur> (后 | 以后 | 之后) 叫 (我 | 醒 我) [一下]
t tm.9 = {name:timer} 计时 <dur>
t! tm.h1 = <pre> (倒数 | 数) <dur>
t! tm.h2 = <pre> {name:timer} (要 | 需要) <dur> ， (帮 我 计时 | 计 个 时)
t! tm.h3 = <pre> 过 <dur> (再 | 就) {conversation_command}
t! tm.h4 = <pre> 来 个 <dur> 的 <timer>

intent HassCancelTimer
t tc.1 = <pre> (取消 | 停止 | 删除 | 关掉 | 关闭) <timer_tgt> <post>
t tc.2 = <pre> 把 <timer_tgt> (取消 | 关掉 | 停掉 | 删了) <post>
t! tc.h1 = <timer_tgt> 不 (用 | 要) 了
t! tc.h2 = <pre> 撤销 <timer_tgt>

intent HassCancelAllTimers
t ta.1 = <pre> (取消 | 停止 | 删除 | 关掉 | 清除) [{area} 的] (所有 | 全部) [的] <timer> <post>
t ta.2 = <pre> 把 [{area} 的] (所有 | 全部) <timer> (都 取消 | 都 关掉 | 清空)
t! ta.h1 = [{area} 的] <timer> 全部 不 要 了
t! ta.h2 = <pre> 清空 [{area} 的] <timer>

intent HassIncreaseTimer
t ti+.1 = <pre> (给 | 把) <timer_tgt> (加 | 增加 | 延长 | 多加) <dur> <post>
t ti+.2 = <pre> <timer_tgt> 再 (加 | 多) <dur>
t! ti+.h1 = <pre> <timer_tgt> 延 后 <dur>
t! ti+.h2 = <pre> 让 <timer_tgt> 多 走 <dur>

intent HassDecreaseTimer
t td.1 = <pre> (给 | 把) <timer_tgt> (减 | 减少 | 缩短 | 减去) <dur> <post>
t td.2 = <pre> <timer_tgt> (少 | 减) <dur>
t! td.h1 = <pre> <timer_tgt> 提前 <dur>
t! td.h2 = <pre> 从 <timer_tgt> 里 扣 掉 <dur>

intent HassPauseTimer
t tp.1 = <pre> (暂停 | 停 一下) <timer_tgt> <post>
t tp.2 = <pre> 把 <timer_tgt> 暂停 [一下] <post>
t! tp.h1 = <timer_tgt> 先 停 一下
t! tp.h2 = <pre> 让 <timer_tgt> 先 别 走

intent HassUnpauseTimer
t tu.1 = <pre> (继续 | 恢复 | 重新 开始) <timer_tgt> <post>
t tu.2 = <pre> 让 <timer_tgt> 继续 (走 | 计时)
t! tu.h1 = <timer_tgt> 接着 走
t! tu.h2 = <pre> 把 <timer_tgt> 恢复 一下

intent HassTimerStatus
t ts.1 = <timer_tgt> 还 (剩 多少 时间 | 有 多久 | 剩 几 分钟 | 剩 多久) [？]
t ts.2 = <timer_tgt> (怎么样 了 | 到 了 吗 | 还 要 多久) [？]
t ts.3 = (查 一下 | 看看) <timer_tgt> [还 剩 多少]
t! ts.h1 = <timer_tgt> 快 到 了 吗 [？]
t! ts.h2 = 离 <timer_tgt> 结束 还 有 多久 [？]

# ---------- fans ----------
intent HassFanSetSpeed
rule fanw = 风扇 | 电扇 | 吊扇 | 风速
t fs.1 = <pre> 把 <fanw> (调到 | 设为 | 调成 | 开到) {percentage} <post>
t fs.2 = <pre> 把 (<in_area> | <on_floor>) <fanw> (调到 | 设为 | 开到) {percentage} <post>
t fs.3 = <pre> 把 {name:fan} [的 风速] (调到 | 设为 | 开到) {percentage} <post>
t fs.4 = [<in_area> | <on_floor>] 风扇 {percentage} [吧]
t! fs.h1 = <pre> 让 [<in_area> | <on_floor>] <fanw> (吹 | 转) 到 {percentage}
t! fs.h2 = <pre> 让 {name:fan} 以 {percentage} 运行

# ---------- null answers ----------
intent none chat
t no.1 = (讲 个 笑话 | 唱 首 歌 | 你 好 吗 | 你 叫 什么 名字 | 你 是 谁 做 的 | 你 是 机器人 吗) [？]
t no.2 = (法国 的 首都 是 哪里 | 人生 的 意义 是 什么 | 十六 的 平方根 是 多少) [？]
t no.3 = (昨晚 的 比赛 谁 赢 了 | 今晚 电视 有 什么 | 珠穆朗玛峰 有 多 高) [？]
t no.4 = <pre> (订 个 外卖 | 给 妈妈 打 电话 | 订 两 个 人 的 位子 | 给 老板 发 邮件 | 网上 买 咖啡)
t no.5 = (我 爱 你 | 你 真 有趣 | 今天 好 累 | 我 好 无聊 | 我 饿 了)
t no.6 = (你 能 做 什么 | 你 是 怎么 工作 的 | 你 会 做梦 吗 | 你 听 得 到 吗) [？]
t no.7 = (把 你好 翻译 成 英文 | 怎么 做 红烧肉 | 推荐 一 本 好 书)
t no.8 = (我 什么 时候 看 牙医 | 去 北京 的 机票 多少 钱 | 苹果 股价 多少) [？]
t no.9 = ({any} 好 漂亮 | 我 昨天 买 了 新 的 {any} | {any} 是 什么 牌子 的)
t! no.h1 = (你 喜欢 音乐 吗 | 你 最 喜欢 什么 颜色 | 你 能 保守 秘密 吗) [？]
t! no.h2 = (月亮 有 多 远 | 天 为什么 是 蓝 的 | 明年 是 什么 年) [？]
t! no.h3 = <pre> (给 哥哥 发 短信 | 找 个 汤 的 菜谱 | 查 一下 邮件 | 读 一下 新闻)

intent none unknown_device
t nx.1 = <pre> (打开 | 开) {missing:light} <post>
t nx.2 = <pre> (关掉 | 关闭) {missing:switch} <post>
t nx.3 = <pre> (打开 | 关上) {missing:cover} <post>
t! nx.h1 = <pre> (启动 | 关掉) {missing:fan}

# ---------- 更多训练说法 (data2): 问句、新动词、不同语序; 不重复任何 held-out ('!') 说法 ----------
# 自己的规则名: held-out 划分会用共享规则的所有选项, 这样 data/eval/generated 保持不变
rule xplease = 请你 | 你 帮 我 | 麻烦 帮 我 | 快 | 赶紧 | 小助手 ，
rule xfiller = 哎呀 | 那 | 对了 | 嗯 那个 | 然后
rule xlead = <filler> [，] | <xfiller> [，]
rule xpre = [<please>] | [<xplease>] | <xlead> [<please> | <xplease>]
rule xpost = <post> | [啊 | 呀 | 哈 | 一下 吧 | 可以 吗 | 行 不 行 | 谢谢 你 | 快 点]

intent HassTurnOn
t on.x1 = [<xlead>] (能不能 | 可以) [帮 我] (打开 | 开) <onoff_tgt> (吗 | 呀) [？]
t on.x2 = <onoff_tgt> (也 | 都) (打开 | 开 上) [吧]
t on.x3 = <xpre> 把 <onoff_tgt> 重新 (打开 | 开 起来)
t on.x4 = <xpre> (开 着 | 打开) <onoff_tgt> 别 关
t on.x5 = <xpre> 把 <cover_tgt> (全部 | 完全) (打开 | 拉开)
t on.x6 = <xpre> (锁 住 | 反锁) {name:lock}
t on.x7 = <xpre> 让 <onoff_tgt> (亮 起来 | 开 起来 | 转 起来)
t on.x8 = (我 回来 了 | 我 起床 了) ， <xpre> (打开 <onoff_tgt> | 把 <onoff_tgt> 打开)

intent HassTurnOff
t off.x1 = [<xlead>] (能不能 | 可以) (关掉 | 关) <onoff_tgt> (吗 | 呀) [？]
t off.x2 = <onoff_tgt> (也 | 都) (关掉 | 关 了) [吧]
t off.x3 = <xpre> 把 <onoff_tgt> (关 一下 | 给 关 了 | 关 掉 吧)
t off.x4 = <xpre> 把 <cover_tgt> (全部 | 完全) (关上 | 拉上 | 放下)
t off.x5 = <xpre> (打开 锁 | 开 一下 锁) ， {name:lock}
t off.x6 = <xpre> 让 <onoff_tgt> (停 下来 | 灭 了 | 别 亮 了)
t off.x7 = <xpre> (不 用 | 不 要) <onoff_tgt> 了 ， 关掉 [吧]

intent HassGetState
t st.x1 = (告诉 我 | 说 一下) {name:light,switch,fan} (是不是 | 是否) <onoff_state>
t st.x2 = {name:cover,valve} 现在 (是 | 还) <open_state> <ma> [？]
t st.x3 = {name:sensor} (显示 | 读数) (多少 | 是 多少) [？]
t st.x4 = {name:lock} (到底 | 现在) <lock_state> <ma> [？]
t st.x5 = {name:person} (到 家 了 {state=home} | 在 不 在 家 {state=home}) <ma> [？]
t st.x6 = {name} (现在 | 目前) 什么 (状态 | 情况) [？]

intent HassLightSet
t ls.x1 = [<xlead>] (能不能 | 可以) 把 <light_tgt> (调到 | 调成) {brightness} (吗 | 呀) [？]
t ls.x2 = <light_tgt> (调 | 开) (到 | 成) {brightness} 的 亮度
t ls.x3 = <xpre> <light_tgt> (换 | 改 | 变) 成 {color}
t ls.x4 = <xpre> 亮度 {brightness} ， <light_tgt>
t ls.x5 = <xpre> 把 <light_tgt> (弄 | 搞) 成 {color} [的]
t ls.x6 = <xpre> <light_tgt> 色温 (调 | 设) 到 {temperature:kelvin}

intent HassClimateSetTemperature
t ct.x1 = [<xlead>] (能不能 | 可以) 把 <heat> (调到 | 设到) {temperature} (吗 | 呀) [？]
t ct.x2 = <xpre> [<in_area> | <on_floor>] (空调 | 暖气) (开 | 调) 到 {temperature}
t ct.x3 = <xpre> 把 {name:climate} (温度 | 设定) (调 | 改) 成 {temperature}

intent HassClimateGetTemperature
t cg.x1 = [<in_area> | <on_floor>] (温度 | 室温) (现在 | 目前) (怎么样 | 多少 度 | 是 几 度) [？]
t cg.x2 = (能 不 能 | 可以) (告诉 我 | 查 一下) [<in_area> | <on_floor>] (温度 | 室温) (吗 | 呀) [？]
t cg.x3 = (家里 | 屋 里) (多少 度 | 几 度) [？]

intent HassShoppingListAddItem
t sl.x1 = <xpre> 购物 (清单 | 单) (里 | 上) (记 上 | 加 个) {item}
t sl.x2 = <xpre> (要 | 得) 买 {item} ， (加到 | 放进) 购物 (清单 | 单)
t sl.x3 = <xpre> 买 {item} (这件事 | 这个) (加到 | 记到) 购物 清单

intent HassShoppingListCompleteItem
t sc.x1 = <xpre> 购物 (清单 | 单) 上 的 {item} (已经 买 了 | 买 好 了) ， (勾掉 | 划掉) [吧]
t sc.x2 = <xpre> 把 {item} 从 购物 (清单 | 单) 上 (勾掉 | 划掉)

intent HassListAddItem
t la.x1 = <xpre> (在 | 往) <list> (里 | 上) (记 上 | 加 个) {item}
t la.x2 = [<xlead>] (能不能 | 可以) 把 {item} (加到 | 放到) <list> (里 | 上) (吗 | 呀) [？]
t la.x3 = <xpre> {item} (加到 | 放进 | 写进) <list> [里]

intent HassListCompleteItem
t lc.x1 = <xpre> 把 {item} 从 <list> (里 | 上) (勾掉 | 划掉)
t lc.x2 = <xpre> <list> (里 | 上) 的 {item} (已经 | 都) (做 完 了 | 完成 了) [，] [勾掉 吧]

intent HassListRemoveItem
t lr.x1 = [<xlead>] (能不能 | 可以) 把 {item} 从 <list> (里 | 上) (删掉 | 去掉) (吗 | 呀) [？]
t lr.x2 = <xpre> <list> (里 | 上) 的 {item} (删了 | 拿掉 | 不 要 了 删掉)

intent HassGetWeather
t we.x1 = (明天 | 今天 | 今天 下午) (天气 | 气温) (怎么样 | 好 不 好) [？]
t we.x2 = (外面 | 今天) (冷 吗 | 刮风 吗 | 下雪 吗 | 阴天 吗) [？]
t we.x3 = <xpre> (看看 | 查查) [{name:weather} 的] 天气

intent HassGetCurrentTime
t ti.x1 = (能 告诉 我 | 你 知道) 现在 几点 (吗 | 了 吗) [？]
t ti.x2 = <xpre> (看 一下 | 查 一下) 现在 的 时间
t ti.x3 = 现在 (几 点 几 分 | 是 几点) [？]

intent HassGetCurrentDate
t da.x1 = (能 告诉 我 | 你 知道) 今天 (几号 | 是 星期几) (吗 | 呀) [？]
t da.x2 = <xpre> (看 一下 | 查 一下) 今天 的 日期
t da.x3 = 今天 (是 几月 几日 | 几 号 了) [？]

intent HassVacuumStart
t vs.x1 = [<xlead>] (能不能 | 可以) (启动 | 打开) {name:vacuum} (吗 | 呀) [？]
t vs.x2 = <xpre> 让 (<in_area> | <on_floor>) <vac> (开始 打扫 | 扫 一下)

intent HassVacuumReturnToBase
t vb.x1 = <xpre> (让 | 叫) {name:vacuum} 回去 (充电 | 充 一下 电)
t vb.x2 = <xpre> {name:vacuum} (回 充电座 | 回 去 充电) [吧]

intent HassVacuumCleanArea
t vc.x1 = [<xlead>] (能不能 | 可以) (打扫 | 扫) 一下 {area} (吗 | 呀) [？]
t vc.x2 = <xpre> (把 {area} | {area}) (打扫 | 扫) (干净 | 一遍)

intent HassLawnMowerStartMowing
t lm.x1 = [<xlead>] (能不能 | 可以) (启动 | 打开) {name:lawn_mower} (吗 | 呀) [？]
t lm.x2 = <xpre> (让 | 叫) (割草机 | 割草 机器人) (开始 割草 | 干活)

intent HassLawnMowerDock
t ld.x1 = <xpre> (叫 | 让) {name:lawn_mower} (回去 充电 | 回 充电站)
t ld.x2 = <xpre> (割草机 | 割草 机器人) (回 基站 | 回去) [吧]

intent HassMediaPause
t mpa.x1 = [<xlead>] (能不能 | 可以) 暂停 [<mp_tgt>] [<mp_what>] (吗 | 呀) [？]
t mpa.x2 = <xpre> (先 暂停 | 暂停 播放) [<mp_tgt>]

intent HassMediaUnpause
t mun.x1 = [<xlead>] (能不能 | 可以) 继续 (播放 | 放) [<mp_tgt>] (吗 | 呀) [？]
t mun.x2 = <xpre> [<mp_tgt>] (接着 | 继续) (播 | 播放) [<mp_what>] 吧

intent HassMediaNext
t mnx.x1 = [<xlead>] (能不能 | 可以) (切 | 换) 下 一 首 (吗 | 呀) [？]
t mnx.x2 = <xpre> (换 下 一 首 | 切 下 一 个) [<mp_tgt>]

intent HassMediaPrevious
t mpr.x1 = [<xlead>] (能不能 | 可以) (切 | 回) 上 一 首 (吗 | 呀) [？]
t mpr.x2 = <xpre> (换 回 上 一 首 | 回 上 一 个) [<mp_tgt>]

intent HassSetVolume
t sv.x1 = [<xlead>] (能不能 | 可以) 把 <vol> (调到 | 设到) {volume_level} (吗 | 呀) [？]
t sv.x2 = <xpre> [<mp_tgt>] <vol> (调 | 开) 到 {volume_level}

intent HassSetVolumeRelative
t vr.x1 = [<xlead>] (能不能 | 可以) 把 <vol> (调大 {volume_step=up} | 调小 {volume_step=down}) (点 | 一点) (吗 | 呀) [？]
t vr.x2 = <xpre> <vtgt> (再 大 声 点 {volume_step=up} | 再 小 声 点 {volume_step=down})

intent HassMediaPlayerMute
t mu.x1 = [<xlead>] (能不能 | 可以) (静音 | 把 {name:media_player} 静音) (吗 | 呀) [？]
t mu.x2 = <xpre> (把 声音 关 了 | 声音 关掉) [吧]

intent HassMediaPlayerUnmute
t um.x1 = [<xlead>] (能不能 | 可以) (取消 静音 | 把 {name:media_player} 取消 静音) (吗 | 呀) [？]
t um.x2 = <xpre> (声音 打开 | 把 声音 打开) [吧]

intent HassMediaSearchAndPlay
t ms.x1 = [<xlead>] (能不能 | 可以) (播放 | 放) {search_query} (吗 | 呀) [？]
t ms.x2 = <xpre> <mplace> (给 我 放 | 帮 我 放 | 我 要 听) {search_query}

intent HassBroadcast
t bc.x1 = <xpre> (通知 一下 家里 人 | 告诉 家里 所有 人 | 全屋 通知) [，] {message}
t bc.x2 = <xpre> (用 广播 说 | 广播 一下) [，] {message}

intent HassRespond
t re.x1 = (谢谢 啦 | 太 好 了 | 非常 感谢 | 好 的 谢谢 | 不错) [！]
t re.x2 = (下午 好 | 晚安 | 哈喽 | 你 好 呀) [！]

intent HassNevermind
t nm.x1 = (算 了 吧 | 不 需要 了 | 没 什么 | 取消 吧 | 不 用 了 谢谢) [！]
t nm.x2 = (哎呀 | 抱歉) ， (算了 | 当 我 没 说)

intent HassStartTimer
t tm.x1 = [<xlead>] (能不能 | 可以) 设 一个 <dur> 的 <timer> (吗 | 呀) [？]
t tm.x2 = <xpre> (帮 我 计时 | 计时) <dur>
t tm.x3 = <xpre> <dur> (的 | 一个) <timer> [，] (名字 叫 | 叫) {name:timer}
t tm.x4 = <xpre> (等 | 过) <dur> (提醒 我 | 叫 我)

intent HassCancelTimer
t tc.x1 = [<xlead>] (能不能 | 可以) (取消 | 关掉) <timer_tgt> (吗 | 呀) [？]
t tc.x2 = <xpre> <timer_tgt> (取消 掉 | 删掉 吧 | 关了 吧)

intent HassCancelAllTimers
t ta.x1 = <xpre> (所有 | 全部) [的] <timer> (都 取消 | 都 删掉 | 都 关了) [吧]
t ta.x2 = [<xlead>] (能不能 | 可以) 取消 (所有 | 全部) [的] <timer> (吗 | 呀) [？]

intent HassIncreaseTimer
t ti+.x1 = [<xlead>] (能不能 | 可以) 给 <timer_tgt> 加 <dur> (吗 | 呀) [？]
t ti+.x2 = <xpre> <timer_tgt> (延长 | 加长) <dur>

intent HassDecreaseTimer
t td.x1 = [<xlead>] (能不能 | 可以) 给 <timer_tgt> 减 <dur> (吗 | 呀) [？]
t td.x2 = <xpre> <timer_tgt> (缩短 | 减掉) <dur>

intent HassPauseTimer
t tp.x1 = [<xlead>] (能不能 | 可以) 暂停 <timer_tgt> (吗 | 呀) [？]
t tp.x2 = <xpre> <timer_tgt> (暂停 | 停 住) [一下]

intent HassUnpauseTimer
t tu.x1 = [<xlead>] (能不能 | 可以) 继续 <timer_tgt> (吗 | 呀) [？]
t tu.x2 = <xpre> <timer_tgt> (继续 | 恢复) [计时 | 吧]

intent HassTimerStatus
t ts.x1 = <timer_tgt> (还 剩 多长 时间 | 还 要 多长 时间) [？]
t ts.x2 = (告诉 我 | 说 一下) <timer_tgt> (还 剩 多少 | 的 情况)

intent HassFanSetSpeed
t fs.x1 = [<xlead>] (能不能 | 可以) 把 {name:fan} (调到 | 开到) {percentage} (吗 | 呀) [？]
t fs.x2 = <xpre> [<in_area> | <on_floor>] <fanw> (开 | 调) 到 {percentage}

intent HassSetPosition
t pos.x1 = [<xlead>] (能不能 | 可以) 把 <cover_tgt> (开到 | 调到) {position} (吗 | 呀) [？]
t pos.x2 = <xpre> <cover_tgt> (开 | 调 | 放) 到 {position}

intent none chat
t no.x1 = (一 加 一 等于 几 | 火星 上 天气 怎么样 | 你 多大 了 | 你 住 在 哪里) [？]
t no.x2 = (你 能 帮 我 写 作业 吗 | 能 开车 送 我 吗 | 帮 我 做饭 | 去 遛狗) [？]
t no.x3 = (今天 工作 好 忙 | 晚饭 真 好吃 | 我 腰 疼 | 比赛 太 精彩 了)
t no.x4 = (谁 写 了 红楼梦 | 磁铁 为什么 会 吸 | 地球 有 多 大) [？]
t no.x5 = ({any} 贵 不 贵 | {any} 在 哪里 买 的 | 你 觉得 {any} 怎么样) [？]

intent none unknown_device
t nx.x1 = <xpre> (调亮 | 调暗) {missing:light}
t nx.x2 = <xpre> (锁上 | 打开) {missing:lock}
t nx.x3 = <xpre> (启动 | 停止) {missing:vacuum}
t nx.x4 = {missing:light} (开着 | 关着) 吗 [？]

# ---------- 再多一些训练说法 (h4): 不带前缀的简单说法 (模板多了, "打开灯" 仍然常见)、给我/帮我/麻烦、
# 能不能…吗、…吧、口语 (开下灯、灯关了吧)、量词 (那盏灯)、口吃重说; 避开同一意图的每个 held-out 动词和句式 ----------
rule xplease = 麻烦 你 帮 我 | 请 帮 忙 | 你 帮 忙 | 小 助手 | 你 给 我
rule xfiller = 呃 那个 | 哦 对 | 那 什么 | 就是 | 欸
rule xpost = [哈 | 好 不 | 谢谢 啊 | 就 这样 | 快 一点]
# 口吃、重说: "打开 那个 呃 客厅 的 灯"
rule xuh = 那个 ， 呃 ， | 呃 ， 那个 | 嗯 那个 | 呃 | 嗯

intent HassTurnOn
t on.x9 = (打开 | 开) <onoff_tgt>
t on.x10 = 把 <onoff_tgt> (打开 | 开开)
t on.x11 = (开 下 灯 | 灯 开 下 | 把 灯 开 开 | 灯 打开 吧 | 开 一下 灯) {domain=light}
t on.x12 = (给 我 | 帮 我) (打开 | 开 一下) <onoff_tgt> [吧 | 呗]
t on.x13 = (能不能 | 能 不 能 | 可不可以) 把 <onoff_tgt> (打开 | 开 一下) [啊 | 呀] [？]
t on.x14 = (麻烦 | 请) (把 <onoff_tgt> 开 一下 | 开 一下 <onoff_tgt>) [， 谢谢]
t on.x15 = <onoff_tgt> (给 我 | 帮 我) (打开 | 开开) [吧]
t on.x16 = <xpre> 把 <onoff_tgt> (开启 | 启动) [一下]
t on.x17 = (打开 | 开) <xuh> <onoff_tgt>
t on.x18 = <xpre> 把 <cover_tgt> (拉 起来 | 升 上去 | 卷 起来 | 打开 吧)
t on.x19 = <xpre> 把 {name:lock} (锁 一下 | 锁 了)
t on.x20 = <xpre> (开 一下 | 打开 一下) {name:valve}
t on.x21 = <xpre> (切到 | 开 | 用) {name:scene} [场景 | 模式]
t on.x22 = <xpre> (执行 一下 | 运行 一下 | 开始) {name:script} [脚本 | 流程]
t on.x23 = <xpre> 把 {name:climate} (打开 | 开 起来)
t on.x24 = (打开 | 开) <onoff_tgt> 吧
t on.x25 = <xpre> 把 (那 盏 | 这 盏) {name:light} (打开 | 开 一下)

intent HassTurnOff
t off.x8 = (关 | 关掉) <onoff_tgt>
t off.x9 = 把 <onoff_tgt> (关掉 | 关了)
t off.x10 = (关 下 灯 | 灯 关 了 吧 | 把 灯 关 关 | 灯 关掉 吧 | 关 一下 灯) {domain=light}
t off.x11 = (给 我 | 帮 我) (关掉 | 关 一下) <onoff_tgt> [吧 | 呗]
t off.x12 = (能不能 | 能 不 能 | 可不可以) 把 <onoff_tgt> (关掉 | 关 一下) [啊 | 呀] [？]
t off.x13 = (麻烦 | 请) (把 <onoff_tgt> 关 一下 | 关 一下 <onoff_tgt>) [， 谢谢]
t off.x14 = <onoff_tgt> (给 我 | 帮 我) (关掉 | 关 了) [吧]
t off.x15 = <xpre> 把 <onoff_tgt> (关闭 | 关停)
t off.x16 = (关 | 关掉) <xuh> <onoff_tgt>
t off.x17 = <xpre> 把 <cover_tgt> (降 下去 | 放 下去 | 落 下来)
t off.x18 = <xpre> 降下 <cover_tgt> [吧]
t off.x19 = <xpre> 把 {name:lock} 的 锁 解开
t off.x20 = <xpre> (关 一下 | 关了) {name:valve}
t off.x21 = <xpre> 把 {name:climate} 关 (了 | 掉 | 上)
t off.x22 = (关 | 关掉) <onoff_tgt> 吧
t off.x23 = <xpre> 让 <onoff_tgt> 关 (上 | 掉)
t off.x24 = <xpre> 把 (那 盏 | 这 盏) {name:light} (关掉 | 关 一下)

intent HassGetState
t st.x7 = {name:light,switch,fan} (开 没 开 {state=on} | 关 没 关 {state=off}) [？]
t st.x8 = {name:light,switch,fan} (现在 是 开 的 {state=on} | 现在 是 关 的 {state=off}) (吗 | 吧) [？]
t st.x9 = {name:cover,valve} (开 没 开 {state=open} | 关 没 关 {state=closed}) [？]
t st.x10 = {name:lock} (锁 没 锁 {state=locked} | 锁 了 没 {state=locked}) [？]
t st.x11 = {name:sensor} (数值 | 数据) (是 多少 | 怎么样) [？]
t st.x12 = {name:person} (回 没 回 家 | 到 家 没有) {state=home} [？]
t st.x13 = (问 一下 | 我 想 知道) {name:light,switch,fan} (是 | 还) <onoff_state> (吗 | 没有) [？]
t st.x14 = {name:binary_sensor} (现在 | 目前) <bs_state> <ma> [？]
t st.x15 = {name:person} 去 哪 (了 | 儿 了) [？]
t st.x16 = {name} (是 什么 状态 | 状态 如何) [？]

intent HassLightSet
t ls.x7 = 把 <light_tgt> (调到 | 调成) {brightness}
t ls.x8 = <light_tgt> 亮度 (开 | 调) 到 {brightness}
t ls.x9 = <xpre> 把 <light_tgt> 亮度 (调高 | 调低 | 提高 | 降低) 到 {brightness}
t ls.x10 = [<xlead>] (给 我 | 帮 我) 把 <light_tgt> (调 | 设) 到 {brightness}
t ls.x11 = <xpre> 把 <light_tgt> (调亮 | 调暗) 一点 ， 到 {brightness}
t ls.x12 = <xpre> <light_tgt> (调成 | 换成 | 改成) {color} [吧]
t ls.x13 = <xpre> [<in_area> | <on_floor>] 灯 (开成 | 调成) {color} {domain=light}
t ls.x14 = <light_tgt> {color} [吧]
t ls.x15 = <xpre> 把 <light_tgt> 色温 (调成 | 改成) {temperature:kelvin}
t ls.x16 = <light_tgt> {temperature:kelvin} [吧]
t ls.x17 = (能不能 | 可以) 把 <light_tgt> (换成 | 调成) {color} (吗 | 呀) [？]

intent HassClimateSetTemperature
t ct.x4 = 把 <heat> 调到 {temperature}
t ct.x5 = <xpre> [<in_area> | <on_floor>] (温度 | 空调 温度) (调成 | 改成 | 设成) {temperature}
t ct.x6 = (给 我 | 帮 我) 把 <heat> (调到 | 开到) {temperature}
t ct.x7 = (有点 冷 | 太 热 了 | 好 冷 | 好 热) ， <xpre> 把 <heat> (调到 | 开到) {temperature}
t ct.x8 = {name:climate} (调到 | 开到 | 设成) {temperature} [吧]
t ct.x9 = (能不能 | 可以) 把 [<in_area> | <on_floor>] (温度 | 空调) (调 | 开) 到 {temperature} (吗 | 呀) [？]

intent HassClimateGetTemperature
t cg.x4 = [<in_area> | <on_floor>] 现在 多少 度 [？]
t cg.x5 = (查查 | 看看) [<in_area> | <on_floor>] (温度 | 室温)
t cg.x6 = {name:climate} (现在 | 目前) (多少 度 | 几 度) [？]
t cg.x7 = (室内 | 屋里) 温度 (怎么样 | 高 不 高 | 合适 吗) [？]

intent HassSetPosition
t pos.x3 = 把 <cover_tgt> (调到 | 开到) {position}
t pos.x4 = [<xlead>] (给 我 | 帮 我) 把 <cover_tgt> (开 | 关 | 升 | 降) 到 {position}
t pos.x5 = <xpre> <cover_tgt> (升 到 | 降 到) {position}
t pos.x6 = <xpre> 把 {name:valve} (开 | 调) 成 {position}

intent HassFanSetSpeed
t fs.x3 = 把 <fanw> 调到 {percentage}
t fs.x4 = [<xlead>] (给 我 | 帮 我) 把 {name:fan} (调 | 开) 到 {percentage}
t fs.x5 = <xpre> [<in_area> | <on_floor>] (风速 | 风扇 风速) (调成 | 设成) {percentage}
t fs.x6 = {name:fan} {percentage} [吧]

intent HassShoppingListAddItem
t sl.x4 = 把 {item} 加到 购物 清单
t sl.x5 = (能不能 | 可以) 把 {item} (加到 | 放进) 购物 (清单 | 单) (吗 | 呀) [？]
t sl.x6 = [<xlead>] (帮 我 | 给 我) (在 购物 清单 里 加 上 | 往 购物 清单 里 加) {item}
t sl.x7 = 购物 (清单 | 单) ， (加 上 | 添 上) {item}

intent HassShoppingListCompleteItem
t sc.x3 = <xpre> {item} (买 了 | 买 回来 了) ， 从 购物 清单 上 (划掉 | 勾掉) [吧]
t sc.x4 = (能不能 | 可以) 把 购物 (清单 | 单) 上 的 {item} (勾掉 | 划掉) (吗 | 呀) [？]
t sc.x5 = <xpre> 购物 (清单 | 单) 里 的 {item} 打 个 勾

intent HassListAddItem
t la.x4 = 把 {item} 加到 <list> [里]
t la.x5 = [<xlead>] (帮 我 | 给 我) 往 <list> 里 (加 | 添) {item}
t la.x6 = <list> ， (加 上 | 添 上) {item}

intent HassListCompleteItem
t lc.x3 = (能不能 | 可以) 把 <list> (里 | 上) 的 {item} (勾掉 | 划掉) (吗 | 呀) [？]
t lc.x4 = <xpre> <list> 里 的 {item} 打 个 勾
t lc.x5 = <xpre> {item} (做 完 了 | 弄 好 了) ， 从 <list> 里 (划掉 | 勾掉)

intent HassListRemoveItem
t lr.x3 = 从 <list> 里 删掉 {item}
t lr.x4 = [<xlead>] (帮 我 | 给 我) 把 {item} 从 <list> (里 | 上) (删 了 | 去掉)
t lr.x5 = <list> ， (删掉 | 去掉) {item}

intent HassGetWeather
t we.x4 = (今天 | 明天) (会 不 会 下雨 | 下 不 下雨 | 有 雨 吗) [？]
t we.x5 = {name:weather} (今天 | 现在) 天气 (怎么样 | 如何) [？]
t we.x6 = (天气 怎么样 | 天气 如何) [啊 | 呀] [？]

intent HassGetCurrentTime
t ti.x4 = (请问 | 问 一下) 现在 几点 [了] [？]
t ti.x5 = 现在 时间 (是 多少 | 是 几点) [？]
t ti.x6 = <xpre> 看 (看 | 下) 现在 几点

intent HassGetCurrentDate
t da.x4 = (请问 | 问 一下) 今天 (几号 | 星期几) [？]
t da.x5 = 今天 到底 (是 几号 | 是 星期 几) [啊] [？]
t da.x6 = <xpre> (看 下 | 看看) 今天 (几号 | 的 日期)

intent HassVacuumStart
t vs.x3 = (启动 | 打开) {name:vacuum}
t vs.x4 = [<xlead>] (给 我 | 帮 我) (开 一下 | 启动 一下) {name:vacuum}
t vs.x5 = <xpre> (<in_area> | <on_floor>) 的 <vac> (启动 | 开 起来) [吧]

intent HassVacuumReturnToBase
t vb.x3 = <xpre> 让 {name:vacuum} 回 (充电 桩 | 充电 座)
t vb.x4 = <xpre> 把 {name:vacuum} (送 回 | 叫 回) (充电座 | 基座)
t vb.x5 = <xpre> <in_area> 的 <vac> 回 (充电座 | 去 充电) [吧]

intent HassVacuumCleanArea
t vc.x3 = 打扫 {area}
t vc.x4 = [<xlead>] (给 我 | 帮 我) (扫 一下 | 吸 一下) {area}
t vc.x5 = <xpre> 用 {name:vacuum} (扫 一下 | 打扫) {area}
t vc.x6 = <xpre> (打扫 | 扫) 一下 (这里 | 这个 屋子) [吧]

intent HassLawnMowerStartMowing
t lm.x3 = <xpre> (开始 | 去) 割草 [吧]
t lm.x4 = [<xlead>] (给 我 | 帮 我) (启动 | 打开) {name:lawn_mower}
t lm.x5 = <xpre> (草坪 | 院子) (割 一下 | 修 一下) [吧]

intent HassLawnMowerDock
t ld.x3 = <xpre> (割草机 | 割草 机器人) (回 充电站 | 回家) [吧]
t ld.x4 = <xpre> 把 {name:lawn_mower} (叫 回来 | 停 回 基站)
t ld.x5 = <xpre> (不 用 割 了 | 割 完 了) ， (回家 吧 | 回 充电站 吧)

intent HassMediaPause
t mpa.x3 = 暂停 [<mp_what>]
t mpa.x4 = <xpre> [<mp_tgt>] (先 暂停 一下 | 停 一 停)
t mpa.x5 = [<xlead>] (给 我 | 帮 我) 暂停 [<mp_tgt>] [<mp_what>]

intent HassMediaUnpause
t mun.x3 = 继续 (播放 | 放)
t mun.x4 = [<xlead>] (给 我 | 帮 我) 继续 (放 | 播) [<mp_tgt>] [<mp_what>]
t mun.x5 = <xpre> [<mp_tgt>] (取消 暂停 | 继续 吧)

intent HassMediaNext
t mnx.x3 = 下 一 首 [吧]
t mnx.x4 = [<xlead>] (给 我 | 帮 我) 换 到 下 一 首 | <xpre> <mp_tgt> 换 到 下 一 首
t mnx.x5 = <xpre> (不 听 这 首 了 | 这 首 跳过) [<mp_tgt>]

intent HassMediaPrevious
t mpr.x3 = 上 一 首 [吧]
t mpr.x4 = [<xlead>] (给 我 | 帮 我) (换 回 | 放) 上 一 首 | <xpre> <mp_tgt> (换 回 | 放) 上 一 首
t mpr.x5 = <xpre> (回 到 上 一 个 | 返回 上 一 首) [<mp_tgt>]

intent HassSetVolume
t sv.x3 = 音量 (调到 | 调成) {volume_level}
t sv.x4 = [<xlead>] (给 我 | 帮 我) 把 [<mp_tgt>] <vol> (调 | 设) 到 {volume_level}
t sv.x5 = <xpre> <mp_tgt> (音量 | 声音) (设成 | 开成) {volume_level}

intent HassSetVolumeRelative
t vr.x3 = <vtgt> (大声 一点 {volume_step=up} | 小声 一点 {volume_step=down}) [吧]
t vr.x4 = <xpre> 把 <vtgt> 声音 (开 大 点 {volume_step=up} | 关 小 点 {volume_step=down})
t vr.x5 = <xpre> <vtgt> 音量 (提高 {volume_step:up} | 降低 {volume_step:down})
t vr.x6 = (能不能 | 可以) (大声 点 {volume_step=up} | 小声 点 {volume_step=down}) (吗 | 呀) [？]

intent HassMediaPlayerMute
t mu.x3 = 静音 [吧]
t mu.x4 = [<xlead>] (给 我 | 帮 我) 把 {name:media_player} (静音 | 调成 静音)
t mu.x5 = <xpre> {name:media_player} 静音 [吧]

intent HassMediaPlayerUnmute
t um.x3 = 取消 静音 [吧]
t um.x4 = [<xlead>] (给 我 | 帮 我) 把 {name:media_player} 的 静音 (取消 | 关掉)
t um.x5 = <xpre> {name:media_player} (取消 静音 | 恢复 声音) [吧]

intent HassMediaSearchAndPlay
t ms.x3 = 播放 {search_query}
t ms.x4 = [<xlead>] (给 我 | 帮 我) (播 | 放) 一下 {search_query}
t ms.x5 = <xpre> <mplace> 播 {search_query}
t ms.x6 = <xpre> <mplace> (播放 | 放) (歌手 | 艺人) {media_class=artist} {search_query:artist} 的 (歌 | 作品)

intent HassBroadcast
t bc.x3 = (广播 一下 | 通知 一下) {message}
t bc.x4 = (能不能 | 可以) (广播 | 通知 大家) [，] {message}
t bc.x5 = <xpre> (跟 家里 人 说 | 告诉 大家) [一下] [，] {message}

intent HassRespond
t re.x3 = (谢 了 | 感谢 | 好 的 ， 谢谢 | 谢谢 小 助手) [！]
t re.x4 = (嗨 ， 你好 | 早 | 早安 | 晚上 好 呀) [！]

intent HassNevermind
t nm.x3 = (没事 了 | 不用 了 | 算了 算了 | 好 了 ， 不 用 了) [！]
t nm.x4 = (嗯 | 呃 | 哦) ， (算 了 | 不 用 了 | 没 什么)

intent HassStartTimer
t tm.x5 = (设 | 定) 一个 <dur> 的 <timer>
t tm.x6 = [<xlead>] (给 我 | 帮 我) (设 | 定) (个 | 一个) <dur> 的 <timer>
t tm.x7 = <timer> ， <dur> | <timer> 设 <dur>
t tm.x8 = (能不能 | 可以) (定 | 开) 个 <dur> 的 <timer> (吗 | 呀) [？]
t tm.x9 = <xpre> (给 | 帮) {name:timer} (计时 | 定时) <dur>

intent HassCancelTimer
t tc.x3 = 取消 <timer_tgt>
t tc.x4 = [<xlead>] (给 我 | 帮 我) (关掉 | 取消) <timer_tgt>
t tc.x5 = <xpre> <timer_tgt> (别 计 了 | 停 了 吧 | 关 了)

intent HassCancelAllTimers
t ta.x3 = 取消 (所有 | 全部) [的] <timer>
t ta.x4 = [<xlead>] (给 我 | 帮 我) 把 (所有 | 全部) <timer> (都 删了 | 都 停了)

intent HassIncreaseTimer
t ti+.x3 = <xpre> (给 | 帮) <timer_tgt> (多 加 | 再 添) <dur>
t ti+.x4 = (能不能 | 可以) 把 <timer_tgt> 延长 <dur> (吗 | 呀) [？]

intent HassDecreaseTimer
t td.x3 = <xpre> (给 | 把) <timer_tgt> (少 | 减掉) <dur>
t td.x4 = (能不能 | 可以) 把 <timer_tgt> 缩短 <dur> (吗 | 呀) [？]

intent HassPauseTimer
t tp.x3 = 暂停 <timer_tgt>
t tp.x4 = [<xlead>] (给 我 | 帮 我) 把 <timer_tgt> (暂停 | 停 住)

intent HassUnpauseTimer
t tu.x3 = 继续 <timer_tgt>
t tu.x4 = [<xlead>] (给 我 | 帮 我) 把 <timer_tgt> (继续 | 重新 开始)

intent HassTimerStatus
t ts.x3 = <timer_tgt> (还 剩 多少 | 还 有 几 分钟) [？]
t ts.x4 = (能不能 | 可以) (看看 | 查 一下) <timer_tgt> (还 剩 多久 | 怎么样) [？]

intent none chat
t no.x6 = (你 吃饭 了 吗 | 今天 是 个 好 日子 | 周末 去 哪 玩 | 你 会 说 英语 吗) [？]

intent HassCancelAllTimers
t ta.x5 = <xpre> 把 <timer> 全 (取消 | 删了) [吧]

intent HassDecreaseTimer
t td.x5 = <timer_tgt> (减 去 | 少 算) <dur> [吧]

intent HassIncreaseTimer
t ti+.x5 = <timer_tgt> (加 上 | 多 给) <dur> [吧]

intent HassPauseTimer
t tp.x5 = <timer_tgt> 暂停 一下 吧

intent HassUnpauseTimer
t tu.x5 = <timer_tgt> 继续 吧 | 把 <timer_tgt> 重新 开 起来

intent HassRespond
t re.x5 = (谢谢 哈 | 感谢 感谢 | 好 嘞 谢谢 | 你 真 好) [！]
t re.x6 = (哈喽 小 助手 | 你 好 啊 | 中午 好) [！]

# ---------- 少见的设备和任务（H10）：门锁、阀门、按名字的风扇和开关、指定播放器、待办任务 ----------
# 门锁：锁上 = HassTurnOn，解锁 = HassTurnOff（data/eval/README.md）
intent HassTurnOn
t on.x50 = <xpre> 把 [<in_area>] {name:lock} 锁 上 <xpost>
t on.x51 = [<xlead>] (能不能 | 可以) 帮 我 (锁 上 | 锁 好) {name:lock} (吗 | 呀) [？]
t on.x52 = <xpre> {name:lock} (锁 上 | 锁 好) (吧 | 啊)
t on.x53 = <xpre> (我 要 出门 了 | 我 要 睡 了) ， (锁 上 | 锁 好) [<in_area>] {name:lock}
t on.x54 = <xpre> 记得 把 {name:lock} 锁 (上 | 好)
t on.x55 = <xpre> 帮 我 锁 一下 [<in_area>] {name:lock}
t on.x56 = <xpre> 把 [<in_area>] {name:valve} 打开 <xpost>
t on.x57 = <xpre> 开 (水 | 总 水) ， 打开 {name:valve}
t on.x58 = [<xlead>] (能不能 | 可以) 打开 {name:valve} (吗 | 呀) [？]
t on.x59 = <xpre> 把 [<in_area>] {name:fan} (打开 | 开 起来) <xpost>
t on.x60 = [<xlead>] (能不能 | 可以) (开 一下 | 打开) {name:fan} (吗 | 呀) [？]
t on.x61 = <xpre> 把 [<in_area>] {name:switch} (打开 | 开 上) <xpost>
t on.x62 = [<xlead>] (能不能 | 可以) (开 一下 | 打开) {name:switch} (吗 | 呀) [？]

intent HassTurnOff
t off.x50 = <xpre> 把 [<in_area>] {name:lock} (解锁 | 解开) <xpost>
t off.x51 = [<xlead>] (能不能 | 可以) 帮 我 解锁 {name:lock} (吗 | 呀) [？]
t off.x52 = <xpre> {name:lock} 解锁 (吧 | 啊)
t off.x53 = <xpre> (有 客人 来 了 | 孩子 回来 了) ， 解锁 [<in_area>] {name:lock}
t off.x54 = <xpre> 帮 我 解 一下 [<in_area>] {name:lock} 的 锁
t off.x55 = <xpre> 把 [<in_area>] {name:valve} 关 (上 | 掉) <xpost>
t off.x56 = <xpre> (停 水 | 关 水) ， 关闭 {name:valve}
t off.x57 = [<xlead>] (能不能 | 可以) 关 (掉 | 上) {name:valve} (吗 | 呀) [？]
t off.x58 = <xpre> 把 [<in_area>] {name:fan} (关掉 | 停 了) <xpost>
t off.x59 = [<xlead>] (能不能 | 可以) (关 一下 | 关掉) {name:fan} (吗 | 呀) [？]
t off.x60 = <xpre> 把 [<in_area>] {name:switch} (关掉 | 关 了) <xpost>
t off.x61 = [<xlead>] (能不能 | 可以) (关 一下 | 关掉) {name:switch} (吗 | 呀) [？]

intent HassMediaPause
t mpa.x50 = <xpre> 把 {name:media_player} (暂停 | 停 一下)
t mpa.x51 = <xpre> <in_area> 的 (音乐 | 歌) 暂停

intent HassMediaUnpause
t mun.x50 = <xpre> 让 {name:media_player} 继续 (播放 | 放)
t mun.x51 = <xpre> <in_area> 的 (音乐 | 歌) 继续 放

intent HassMediaNext
t mnx.x50 = <xpre> {name:media_player} (放 | 播) 下 一 首
t mnx.x51 = <xpre> 让 (<in_area> | {name:media_player}) 切 下 一 首

intent HassMediaPrevious
t mpr.x50 = <xpre> {name:media_player} (放 | 播) 上 一 首
t mpr.x51 = <xpre> 让 (<in_area> | {name:media_player}) 回 到 上 一 首

intent HassSetVolume
t sv.x50 = <xpre> 把 {name:media_player} 的 <vol> (调到 | 设 成) {volume_level}

intent HassSetVolumeRelative
t vr.x50 = <xpre> 把 {name:media_player} 的 <vol> (调 大 {volume_step=up} | 调 小 {volume_step=down}) [一点]
t vr.x51 = <xpre> <in_area> (大声 一点 {volume_step=up} | 小声 一点 {volume_step=down})

# 待办清单里放任务（{item:task}：交电费、取快递）
intent HassListAddItem
t la.x50 = <xpre> 把 {item:task} (加到 | 加进 | 添加到) <list> [里]
t la.x51 = [<xlead>] (能不能 | 可以) 把 {item:task} 加到 <list> (里 | 上) (吗 | 呀) [？]
t la.x52 = <xpre> 我 (得 | 要) {item:task} ， 加到 <list> [里]
t la.x53 = <xpre> 往 <list> 里 加 一 条 {item:task}

intent HassListCompleteItem
t lc.x50 = <xpre> 把 <list> 里 的 {item:task} (勾掉 | 划掉 | 标记 为 完成)
t lc.x51 = <xpre> {item:task} (做 完 了 | 办 好 了) ， 从 <list> (里 | 上) (勾掉 | 划掉)

intent HassListRemoveItem
t lr.x50 = <xpre> 把 {item:task} 从 <list> (里 | 上) (删除 | 删掉 | 去掉)
t lr.x51 = [<xlead>] (能不能 | 可以) 把 <list> 里 的 {item:task} 删掉 (吗 | 呀) [？]

# 更多锁门、开锁、阀门的说法（H10）
intent HassTurnOn
t on.x70 = <xpre> 锁 上 [<in_area>] {name:lock} 吧
t on.x71 = [<xlead>] 请 把 {name:lock} 锁 上
t on.x72 = <xpre> {name:lock} 还 没 锁 ， (锁 上 | 锁 好) [它]
t on.x73 = <xpre> 现在 (锁 上 | 锁 好) [<in_area>] {name:lock}
t on.x74 = <xpre> 把 [<in_area>] {name:lock} 锁 好 [了]
t on.x75 = <xpre> 睡 前 把 {name:lock} 锁 上
t on.x76 = <xpre> 帮 我 把 [<in_area>] {name:lock} 锁 起来
t on.x77 = <xpre> (开 一下 | 打开) [<in_area>] {name:valve} <xpost>
t on.x78 = <xpre> {name:valve} 打开 (吧 | 一下)
t on.x90 = <xpre> (打开 | 开 | 开启) [<in_area>] {name:media_player} <xpost>
t on.x91 = <xpre> 把 [<in_area>] {name:media_player} (打开 | 开开 | 开了 | 开一下) <xpost>

intent HassTurnOff
t off.x70 = <xpre> 解锁 [<in_area>] {name:lock} 吧
t off.x71 = [<xlead>] 请 把 {name:lock} 解锁
t off.x72 = <xpre> 现在 解锁 [<in_area>] {name:lock}
t off.x73 = <xpre> 把 [<in_area>] {name:lock} 的 锁 解开
t off.x74 = <xpre> (快递 到 了 | 我 在 门口) ， 解锁 {name:lock}
t off.x75 = <xpre> 帮 我 把 [<in_area>] {name:lock} 解锁 一下
t off.x76 = <xpre> {name:lock} 先 解锁
t off.x77 = <xpre> (关 一下 | 关闭) [<in_area>] {name:valve} <xpost>
t off.x78 = <xpre> (漏水 了 | 水管 漏 了) ， 关 (掉 | 上) {name:valve}
t off.x90 = <xpre> (关 | 关掉 | 关闭 | 关上) [<in_area>] {name:media_player} <xpost>
t off.x91 = <xpre> 把 [<in_area>] {name:media_player} (关掉 | 关了 | 关闭 | 关上) <xpost>

# ---------- 结构多于动词（x100 起）：清单名、"计时器"、媒体类别和自由文本的位置撑起意图，而不是某一个动词 ----------
# 自由文本放在句首、句中、句末；物件前置；问句和间接请求；暗示请求的陈述。避开同一意图 held-out
# 行里的每个动词和句式（记/写 到清单、搞定、标成已完成、不要了删掉、清掉、开工、回窝、收工、
# 来首/来点、我想听/看、放专辑、喊大家、发广播、倒数、撤销、延后、提前、扣掉、先停一下、接着……）
rule xmedia = 音乐 | 歌 | 电影 | 电视 | 视频 | 节目 | 电视剧
rule xshop = 购物 (清单 | 单 | 列表) | 购物 (清单 | 单 | 列表) | 采购 (清单 | 单) | 买 东西 的 (清单 | 单子)

intent HassShoppingListAddItem
t sl.x100 = [<xlead>] {item} ， (加进 | 添到 | 放到 | 列进) <xshop> [里] [吧]
t sl.x101 = <xpre> 在 <xshop> (里 | 上) (添 | 补 | 再 加) (一 项 | 一 个) {item}
t sl.x102 = 我 (想 | 要) 把 {item} (添 | 加) 进 <xshop> [里]
t sl.x103 = (下次 | 回头) 去 超市 (要 | 得) 买 {item} ， (帮 我 | 给 我) (添 | 加) 到 <xshop> 上
t sl.x104 = <xshop> 上 还 (要 | 得) (加 | 添) {item}
t sl.x105 = (能不能 | 可以) 在 <xshop> 里 (添 上 | 补 上) {item} (吗 | 呀) [？]
t sl.x106 = 家里 缺 {item} 了 ， <xpre> (添 | 加) 进 <xshop>
t sl.x107 = <xpre> (买 | 采购) {item} ， (列 | 加) 进 <xshop> [里]
t sl.x108 = [<xlead>] {item} 也 (要 | 得) 买 ， (添 | 加) 到 <xshop> 上 [吧]

intent HassShoppingListCompleteItem
t sc.x100 = [<xlead>] {item} ， (在 | 从) <xshop> (上 | 里) (勾 一下 | 划 一下 | 勾 上)
t sc.x101 = <xpre> 把 <xshop> (里 | 上) 的 {item} (勾 上 | 打 上 勾 | 标记 成 已 买)
t sc.x102 = {item} (我 已经 买 到 了 | 刚 买 回来) ， <xshop> 上 (勾掉 它 | 划掉 吧)
t sc.x103 = (能不能 | 可以) 把 {item} 从 <xshop> 上 (勾掉 | 划掉) (吗 | 呀) [？]
t sc.x104 = <xshop> 里 的 {item} 已经 (买 齐 了 | 买 回来 了)
t sc.x105 = <xpre> (勾掉 | 划去 | 勾选) {item} ， <xshop> 上 的
t sc.x106 = [<xlead>] <xshop> 上 {item} 那 一 (项 | 条) (勾掉 | 划掉 | 打 勾)
t sc.x107 = 我 (想 | 要) 在 <xshop> 里 把 {item} (勾掉 | 划去)

intent HassListAddItem
t la.x100 = [<xlead>] {item} ， (加进 | 添到 | 放到 | 列进) <list> [里] [吧]
t la.x101 = [<xlead>] <list> (里 | 上) (添 | 补 | 新增) (一 项 | 一 条) {item}
t la.x102 = 我 (想 | 要) 把 {item} (添 | 加) 进 <list> [里]
t la.x103 = (能不能 | 可以) 在 <list> 里 (添 上 | 补 上 | 新增) {item} (吗 | 呀) [？]
t la.x104 = <list> (里 | 上) 还 (缺 | 差) {item} ， (加 上 | 添 上) [吧]
t la.x105 = <xpre> 给 <list> (加 | 添) (一 条 | 一 项) [：] {item}
t la.x106 = 在 <list> 上 (新建 | 新增 | 添加) (一 条 | 一 项) {item}
t la.x107 = <xpre> {item:task} 这 件 事 (加进 | 添到 | 放进) <list>
t la.x108 = <xpre> 别 忘 了 {item:task} ， (加进 | 添到) <list> [里]
t la.x109 = <list> 里 (帮 我 | 给 我) (加 上 | 添 上) {item:task}
t la.x110 = {item} (也 | 还) 要 (加到 | 放进) <list> [里]

intent HassListCompleteItem
t lc.x100 = [<xlead>] {item} ， (在 | 从) <list> (上 | 里) (勾 一下 | 划 一下 | 勾 上)
t lc.x101 = <xpre> 把 <list> (里 | 上) 的 {item} (勾 上 | 打 上 勾 | 设 为 完成)
t lc.x102 = {item:task} (我 已经 做 完 了 | 已经 办 完 了) ， <list> 上 (勾掉 它 | 划掉 吧)
t lc.x103 = (能不能 | 可以) 把 {item} 从 <list> 上 (勾掉 | 划掉) (吗 | 呀) [？]
t lc.x104 = <list> 里 的 {item:task} 已经 (完成 了 | 弄 完 了) ， 帮 我 (勾 上 | 打 勾)
t lc.x105 = <xpre> (勾掉 | 划去 | 勾选) {item} ， <list> 里 的 [那 一 项]
t lc.x106 = [<xlead>] <list> 上 {item} 那 一 (项 | 条) (勾掉 | 划掉 | 打 勾)
t lc.x107 = {item:task} 完成 了 ， (在 <list> 里 勾 一下 | <list> 上 划 一下)
t lc.x108 = <xpre> 在 <list> 里 把 {item} (勾掉 | 划掉 | 设 为 完成)

intent HassListRemoveItem
t lr.x100 = [<xlead>] {item} ， 从 <list> (里 | 上) (删掉 | 去掉 | 移除) [吧]
t lr.x101 = [<xlead>] <list> (里 | 上) 的 {item} (删除 | 移除 | 删 了 吧)
t lr.x102 = (能不能 | 可以) 在 <list> 里 (删掉 | 删除) {item} (吗 | 呀) [？]
t lr.x103 = 我 (想 | 要) (删掉 | 去掉 | 移除) <list> (里 | 上) 的 {item}
t lr.x104 = <xpre> 把 {item} 移 出 <list>
t lr.x105 = [<xlead>] <list> 里 多 了 {item} ， (删掉 | 去掉) [吧]
t lr.x106 = {item} 加 错 了 ， 从 <list> (里 | 上) (删掉 | 去掉)
t lr.x107 = <xpre> 在 <list> 里 把 {item:task} (删除 | 删掉 | 去掉)
t lr.x108 = {item:task} 取消 了 ， <xpre> 从 <list> 里 (删掉 | 去掉)
t lr.x109 = 把 <list> 上 {item} 那 一 (项 | 条) (删掉 | 去掉)

intent HassBroadcast
t bc.x100 = <xpre> 广播 (说 | 一 句) [，] {message}
t bc.x101 = <xpre> (告诉 | 通知) (家 人 | 屋 里 的 人) [，] {message}
t bc.x102 = <xpre> 让 (大家 | 家里 人 | 所有人) 都 听到 [，] {message}
t bc.x103 = <xpre> 在 全屋 (广播 | 播报) [一下] [，] {message}
t bc.x104 = (跟 | 对) (大家 | 家里 人) (广播 | 说) [一 声] [，] {message}
t bc.x105 = <xpre> 用 所有 音箱 (播 | 说) 一下 [，] {message}
t bc.x106 = {message} ， (广播 一下 | 通知 大家 | 告诉 所有人) [吧]
t bc.x107 = (能不能 | 可以) (帮 我 | 给 我) 广播 (一 条 消息 | 一下) [，] {message}
t bc.x108 = <xpre> (各 个 房间 | 全屋) 都 通知 [一下] [：] {message}
t bc.x109 = [<xlead>] 我 (想 | 要) 广播 [一下] [：] {message}

intent HassMediaSearchAndPlay
t ms.x100 = <xpre> <mplace> (搜 一下 | 找 一下 | 搜索) {search_query} (播放 | 播 一下)
t ms.x101 = {search_query} ， (播放 | 播 一下) [吧]
t ms.x102 = <xpre> <mplace> (播放 | 播 | 打开) {media_class=artist} {search_query:artist} (唱 的 | 的) (歌 | 歌曲 | 音乐)
t ms.x103 = <xpre> <mplace> (打开 | 播放) (电影 | 影片) {media_class=movie} {search_query:movie}
t ms.x104 = <xpre> <mplace> (播放 | 打开 | 播) (电视剧 | 剧) {media_class=tv_show} {search_query:tv_show}
t ms.x105 = <xpre> <mplace> (播放 | 打开 | 播) (歌单 | 播放 列表) {media_class=playlist} {search_query:playlist}
t ms.x106 = <xpre> <mplace> (播放 | 播) (单曲 | 歌曲) {search_query:track} {media_class=track}
t ms.x107 = <xpre> <mplace> (打开 | 播) 专辑 {media_class=album} {search_query:album}
t ms.x108 = <xpre> <mplace> (收听 | 打开 | 播) 播客 {media_class=podcast} {search_query:podcast}
t ms.x109 = (能不能 | 可以) <mplace> 播 {search_query} (吗 | 呀) [？]
t ms.x110 = <xpre> <mplace> 把 {search_query} (播放 一下 | 播 一下)
t ms.x111 = {search_query:movie} {media_class=movie} 这 部 电影 ， <mplace> (播放 | 播) [一下]

intent HassCancelTimer
t tc.x100 = <xpre> (停掉 | 去掉 | 删掉 | 清除) <timer_tgt> <xpost>
t tc.x101 = <timer_tgt> (取消 | 删除 | 关闭) [吧 | 掉]
t tc.x102 = <xpre> 把 <timer_tgt> (给 取消 了 | 停 了 | 删除 掉)
t tc.x103 = 我 (想 | 要) 取消 <timer_tgt>
t tc.x104 = (能不能 | 可以) 把 <timer_tgt> (停掉 | 删除) (吗 | 呀) [？]
t tc.x105 = (别 计时 了 | 停止 计时) ， (取消 | 关掉) <timer_tgt>
t tc.x106 = <xpre> <timer_tgt> (作废 | 取消 掉 吧)
t tc.x107 = {name:timer} 好 了 ， (取消 | 关掉) (那个 | 它 的) <timer>

intent HassIncreaseTimer
t ti+.x100 = <xpre> <timer_tgt> (追加 | 续 | 再 续) <dur>
t ti+.x101 = <xpre> (给 | 往) <timer_tgt> (里 | 上) (加 | 添) <dur>
t ti+.x102 = <dur> ， (加到 | 加给 | 添到) <timer_tgt> [上]
t ti+.x103 = 我 (想 | 要) 把 <timer_tgt> (延长 | 加长 | 增加) <dur>
t ti+.x104 = [<xlead>] <timer_tgt> (还 不 够 | 时间 不 够) ， (再 加 | 多 加) <dur>
t ti+.x105 = <xpre> 把 <timer_tgt> 的 时间 (加 | 增加 | 延长) <dur>
t ti+.x106 = (能不能 | 可以) 给 <timer_tgt> (多 加 | 添) <dur> (吗 | 呀) [？]
t ti+.x107 = <xpre> 再 (加 | 多 给) <dur> ， <timer_tgt>

intent HassDecreaseTimer
t td.x100 = <xpre> <timer_tgt> (砍掉 | 去掉 | 减掉) <dur>
t td.x101 = <xpre> 把 <timer_tgt> 的 时间 (减少 | 缩短 | 减) <dur>
t td.x102 = 我 (想 | 要) 把 <timer_tgt> (缩短 | 减少) <dur>
t td.x103 = <timer_tgt> (设 | 定) (多 了 | 长 了) ， (减 | 减掉 | 少) <dur>
t td.x104 = (能不能 | 可以) 给 <timer_tgt> (减少 | 减掉) <dur> (吗 | 呀) [？]
t td.x105 = <xpre> <timer_tgt> (少 | 短) <dur> (就 行 | 就 好 | 吧)
t td.x106 = <xpre> (给 | 帮) <timer_tgt> (砍掉 | 去掉 | 减去) <dur>
t td.x107 = <dur> ， 在 <timer_tgt> 上 减 去

intent HassPauseTimer
t tp.x100 = <xpre> (暂时 停 一下 | 暂停 一下) <timer_tgt>
t tp.x101 = <timer_tgt> (暂停 | 停 住) (一会儿 | 一下) [吧]
t tp.x102 = 我 (想 | 要) 暂停 <timer_tgt>
t tp.x103 = <xpre> 把 <timer_tgt> (停 住 | 冻结 | 暂停 住) [一下]
t tp.x104 = (等 等 | 稍 等) ， (暂停 | 停 一下) <timer_tgt>
t tp.x105 = (能不能 | 可以) 让 <timer_tgt> (暂停 | 停 一会儿) (吗 | 呀) [？]
t tp.x106 = <xpre> 让 <timer_tgt> 暂停 计时

intent HassUnpauseTimer
t tu.x100 = <xpre> (恢复 计时 | 继续 计时 | 取消 暂停) ， <timer_tgt>
t tu.x101 = <timer_tgt> (继续 走 | 取消 暂停) [吧]
t tu.x102 = 我 (想 | 要) (继续 | 恢复) <timer_tgt>
t tu.x103 = <xpre> 把 <timer_tgt> (恢复 计时 | 取消 暂停)
t tu.x104 = (好 了 | 我 回来 了) ， (继续 | 恢复) <timer_tgt>
t tu.x105 = (能不能 | 可以) 让 <timer_tgt> 继续 (吗 | 呀) [？]
t tu.x106 = [<xlead>] <timer_tgt> 可以 (继续 | 再 走) 了

intent HassStartTimer
t tm.x100 = [<xlead>] <dur> 的 <timer> ， (开始 | 现在 开始)
t tm.x101 = <xpre> (启动 | 开始) 一个 <dur> 的 <timer>
t tm.x102 = [<xlead>] {name:timer} ， <dur> ， (设 个 | 定 个) <timer>
t tm.x103 = 我 (想 | 要) (设 | 定) 一个 <dur> 的 <timer>
t tm.x104 = <xpre> (给 | 为) {name:timer} (开 | 启动) 一个 <dur> 的 <timer>
t tm.x105 = <xpre> <dur> (后 | 以后) 提醒 我 {name:timer}
t tm.x106 = <xpre> <timer> (设 成 | 定 在 | 调 到) <dur>
t tm.x107 = <xpre> (开始 | 启动) <timer> ， 时长 <dur>
t tm.x108 = <dur> [的] <timer> ， (帮 我 | 给 我) (设 上 | 定 上)

intent HassTimerStatus
t ts.x100 = <timer_tgt> (还 差 多少 | 还 差 多久 | 还 有 多少 时间) [？]
t ts.x101 = <timer_tgt> (剩 多少 秒 | 剩下 多少 | 剩下 多久) [了] [？]
t ts.x102 = (我 想 知道 | 问 一下) <timer_tgt> 还 (剩 | 有) 多久 [？]
t ts.x103 = <timer_tgt> (什么 时候 响 | 多久 以后 响 | 还 要 多久 才 响) [？]
t ts.x104 = <xpre> (查查 | 看 一下) <timer_tgt> (的 剩余 时间 | 还 剩 多少)
t ts.x105 = <timer_tgt> (走 到 哪 了 | 走 了 多久 了) [？]
t ts.x106 = (能不能 | 可以) 告诉 我 <timer_tgt> 还 剩 多少 时间 [呀] [？]

intent HassMediaPlayerMute
t mu.x100 = <xpre> (让 | 叫) {name:media_player} 静音 [一下]
t mu.x101 = {name:media_player} (静 一下 音 | 调 成 静音 | 开 静音) [吧]
t mu.x102 = <xpre> (打开 | 开启) 静音 [模式]
t mu.x103 = (我 要 接 电话 | 孩子 在 睡觉 | 有 人 在 开会) ， <xpre> (静音 | 先 静音 | 把 声音 关 了)
t mu.x104 = 我 (想 | 要) 把 {name:media_player} 静音
t mu.x105 = <xpre> 把 {name:media_player} 的 声音 (关 掉 | 关 了)
t mu.x106 = [<xlead>] {name:media_player} ， 静音 [一下 | 吧]
t mu.x107 = <xpre> 声音 先 (关 | 静音) 一下

intent HassMediaPlayerUnmute
t um.x100 = <xpre> (关闭 | 关掉) 静音 [模式]
t um.x101 = (让 | 叫) {name:media_player} (取消 静音 | 恢复 声音)
t um.x102 = <xpre> 把 声音 (恢复 了 | 打开 吧 | 重新 打开)
t um.x103 = 我 (想 | 要) 把 {name:media_player} 的 (静音 取消 | 声音 打开)
t um.x104 = (听 不 到 了 | 没 声音 了) ， <xpre> (取消 静音 | 打开 声音)
t um.x105 = {name:media_player} (不 要 | 别) 静音 了
t um.x106 = <xpre> {name:media_player} (恢复 音量 | 把 静音 关掉)
t um.x107 = <xpre> (解除 | 退出) 静音 [模式]

intent HassMediaUnpause
t mun.x100 = <xpre> (取消 暂停 | 解除 暂停) [，] [{name:media_player}]
t mun.x101 = <mp_tgt> [<xmedia>] (可以 继续 了 | 继续 播放 吧)
t mun.x102 = <xpre> 刚才 (暂停 | 停) 的 <xmedia> (继续 | 继续 播放)
t mun.x103 = 我 要 继续 (播放 | 播) [<xmedia>]
t mun.x104 = (好 了 | 我 回来 了) ， [<mp_tgt>] (继续 播放 | 继续 吧)
t mun.x105 = (能不能 | 可以) 让 <mp_tgt> 继续 (播 | 播放) (吗 | 呀) [？]
t mun.x106 = <xpre> 把 <mp_tgt> [<xmedia>] (继续 播放 | 取消 暂停)

intent HassVacuumStart
t vs.x100 = <xpre> (叫 | 让) {name:vacuum} (出来 干活 | 开始 清扫 | 出发)
t vs.x101 = {name:vacuum} ， (开始 | 启动 | 开始 吸尘) [吧]
t vs.x102 = (地上 好 多 灰 | 地上 有 头发) ， <xpre> (启动 | 开 一下) {name:vacuum}
t vs.x103 = 我 (想 | 要) (启动 | 开) {name:vacuum}
t vs.x104 = <xpre> 把 {name:vacuum} (启动 | 开 起来 | 打开)
t vs.x105 = [<xlead>] ({area} | {floor}) 的 <vac> (开始 清扫 | 出动 | 出发) [吧]
t vs.x106 = (能不能 | 可以) 让 ({area} | {floor}) 的 <vac> 开始 扫地 (吗 | 呀) [？]

intent HassVacuumReturnToBase
t vb.x100 = <xpre> (让 | 叫) {name:vacuum} (回 充电座 | 回 基座 | 回 充电 桩) (充电 | 待命)
t vb.x101 = {name:vacuum} ， (回 充电座 | 回家) [吧]
t vb.x102 = <xpre> (停止 清扫 | 别 扫 了) ， (让 {name:vacuum} 回家 | {name:vacuum} 回 充电座)
t vb.x103 = <xpre> (让 {name:vacuum} (返回 | 退 回) | 把 {name:vacuum} 开 回) (充电座 | 基座)
t vb.x104 = {name:vacuum} 没 电 了 ， (让 它 | 叫 它) (回 充电座 | 去 充电)
t vb.x105 = 我 (想 | 要) 让 {name:vacuum} (返回 | 回到) (充电座 | 基座)
t vb.x106 = [<xlead>] {area} 的 <vac> (返回 充电座 | 回家 充电) [吧]
t vb.x107 = (能不能 | 可以) 让 {name:vacuum} 回家 [呀] [？]

intent HassVacuumCleanArea
t vc.x100 = {area} (扫 一下 | 打扫 一下 | 吸 一 遍) [吧]
t vc.x101 = <xpre> (清洁 一下 | 吸 一 遍 | 清扫 一下) {area}
t vc.x102 = <xpre> (让 | 叫) {name:vacuum} (清扫 | 吸 一下) {area}
t vc.x103 = 我 (想 | 要) (打扫 | 扫) 一下 {area}
t vc.x104 = {area} (地上 有 灰 | 掉 了 好 多 渣 | 有 好 多 头发) ， <xpre> (扫 一下 | 打扫 一下)
t vc.x105 = <xpre> 把 {area} (的 地 | 的 地板) (扫 一下 | 吸 一下)
t vc.x106 = (能不能 | 可以) (清扫 | 吸 一下) {area} 吗 [？]
t vc.x107 = [<xlead>] 只 (扫 | 打扫) {area} [就 行 | 就 好]
t vc.x108 = <xpre> 叫 {name:vacuum} 到 {area} (扫 一下 | 打扫 一下)

intent HassLawnMowerStartMowing
t lm.x100 = <xpre> 叫 {name:lawn_mower} (开始 割草 | 开始 工作 | 出发)
t lm.x101 = {name:lawn_mower} ， (开始 | 启动 | 开始 割草) [吧]
t lm.x102 = <xpre> 把 (草坪 | 院子 里 的 草) (割 一 割 | 修剪 一下)
t lm.x103 = 我 (想 | 要) (启动 {name:lawn_mower} | 割 一下 草)
t lm.x104 = <xpre> 把 {name:lawn_mower} (启动 | 开 起来 | 打开)
t lm.x105 = (能不能 | 可以) (割 一下 草 | 开始 割草) (吗 | 呀) [？]
t lm.x106 = (天气 不错 | 今天 天 好) ， (割 一下 草 | 开始 割草) [吧]
t lm.x107 = <xpre> (修 一下 | 剪 一下) 草 [吧]

intent HassLawnMowerDock
t ld.x100 = {name:lawn_mower} ， (回 充电站 | 回家) [吧]
t ld.x101 = <xpre> 停止 割草 ， (回家 | 回 充电站)
t ld.x102 = <xpre> (让 | 叫) {name:lawn_mower} (返回 | 开 回) (充电站 | 停靠 点)
t ld.x103 = 我 (想 | 要) 让 (割草机 | {name:lawn_mower}) 回 充电站
t ld.x104 = (要 下雨 了 | 天 黑 了) ， (让 {name:lawn_mower} 回家 | 割草机 回 充电站)
t ld.x105 = (能不能 | 可以) 让 {name:lawn_mower} 回 (充电站 | 家) (吗 | 呀) [？]
t ld.x106 = <xpre> 把 (割草机 | 割草 机器人) (叫 回来 | 开 回 充电站)

intent HassClimateGetTemperature
t cg.x100 = [<in_area> | <on_floor>] (温度 | 室温) (有 多少 | 有 几 度) [？]
t cg.x101 = 我 (想 知道 | 想 问 一下) [<in_area> | <on_floor>] (温度 | 室温) [是 多少]
t cg.x102 = {name:climate} (测 到 的 | 读 到 的) 温度 (是 多少 | 多少) [？]
t cg.x103 = <xpre> (说说 | 读 一下 | 测 一下) [<in_area> | <on_floor>] (温度 | 室温)
t cg.x104 = [<in_area> | <on_floor>] (这会儿 | 目前) (多少 摄氏度 | 有 多少 度) [？]
t cg.x105 = (温度 | 室温) (多少 | 是 多少) ， (<in_area> | <on_floor> | 屋里) [？]
t cg.x106 = (能不能 | 可以) 看 一下 {name:climate} (的 温度 | 多少 度) (吗 | 呀) [？]

intent HassTurnOff
t off.x100 = <onoff_tgt> 开 (太 久 | 一 晚上) 了 ， (关 了 吧 | 关掉)
t off.x101 = 我 (想 | 要) 把 <onoff_tgt> 关 (掉 | 上)
t off.x102 = <xpre> (关闭 | 关掉) 一下 <onoff_tgt>
t off.x103 = <xpre> <cover_tgt> (关 起来 | 合 起来 | 放 下来) [吧]
t off.x104 = (天 亮 了 | 太 刺眼 了) ， <xpre> 把 [<in_area>] <lights> 关 (掉 | 了)
t off.x105 = <xpre> 让 {name:climate} (停 下来 | 关 机)
t off.x106 = (能不能 | 可以) 把 <cover_tgt> (关上 | 放下) (吗 | 呀) [？]
t off.x107 = <xpre> 把 {name:media_player} (关 机 | 关 了)

# ---------- 弱意图的更多说法（x200 起）：新动词、新句式，自由文本放在句首、句中、句末 ----------
# 模型在 held-out 上把商品、广播内容、搜索词、计时器名截短或抄错, 没见过的句式答 null; 这里给它
# 更多位置和框架去学"照抄槽位里的词". 每条都避开同一意图 held-out 行 (t! 与 rule!) 的动词和句式
# (启用/点亮/通电、断开/停用/熄灭、拧开/拧紧、上锁/开锁、保持 在、升/降 到、暖和 吗、记/写 一下、
# 搞定、标 成 已 完成、清 掉、不 要 了 删掉、开工、回 窝/收工/回去、该 扫 了/太 脏 了、派…去、
# 接着、开 回来/出 声、太 大/小 了、来 首/来 点、我 想 听/看、喊 大家、通知 全家、发 个 广播、
# 倒数、过…再/就、来 个…的 计时器、撤销、不 用 了、延 后、多 走、提前、扣 掉、几点 了 呀、报 时间/日期).

intent HassTurnOn
t on.x200 = [<xlead>] 麻烦 你 把 <onoff_tgt> 给 打开 [一下]
t on.x201 = <onoff_tgt> (怎么 没 开 | 还 没 开) ， (开 一下 | 打开 吧)
t on.x202 = <xpre> (一会儿 要 用 | 马上 要 用) <onoff_tgt> ， 先 (打开 | 开 上)
t on.x203 = (我 要 看 书 | 要 做饭 了 | 客人 来 了) ， <xpre> (开 一下 | 打开) <onoff_tgt>
t on.x204 = <xpre> <onoff_tgt> (开 起来 | 开 开 吧)
t on.x205 = 开 <onoff_tgt> ， (谢谢 | 快 点)
t on.x206 = <xpre> (帮 我 | 给 我) 把 <cover_tgt> (升 起来 | 打开 一下)
t on.x207 = (天 亮 了 | 早上 了) ， <xpre> 把 <cover_tgt> (打开 | 升 起来)
t on.x208 = {name:scene} [场景 | 模式] ， (启动 | 开启) [一下]
t on.x209 = <xpre> 把 {name:script} (执行 | 运行) 一下
t on.x210 = 我 (想 | 要) 切换 到 {name:scene} [场景 | 模式]
t on.x211 = <xpre> 让 {name:climate} (开始 工作 | 运转 起来)
t on.x212 = 我 (想 | 要) 开 一下 <onoff_tgt>

intent HassTurnOff
t off.x200 = <onoff_tgt> (怎么 还 开 着 | 还 亮 着) ， (关 了 吧 | 关掉)
t off.x201 = [<xlead>] 麻烦 你 把 <onoff_tgt> 给 关 (了 | 掉)
t off.x202 = (我 出门 了 | 要 睡觉 了 | 看 完 了) ， <xpre> (关 一下 | 关掉) <onoff_tgt>
t off.x203 = 关 <onoff_tgt> ， (谢谢 | 快 点)
t off.x204 = <xpre> <onoff_tgt> (别 开 了 | 不 要 开 着 了) [， 关 了 吧]
t off.x205 = <xpre> (帮 我 | 给 我) 把 <cover_tgt> (放 下来 | 关 一下)
t off.x206 = (天 黑 了 | 太阳 太 晒 了) ， <xpre> 把 <cover_tgt> (关上 | 放 下来)
t off.x207 = <xpre> 先 (关 一下 | 关掉) <onoff_tgt> [再 说]
t off.x208 = {name:climate} 不 用 开 了 ， (关 了 吧 | 关掉)
t off.x209 = 我 (想 | 要) 关 一下 <onoff_tgt>

intent HassLightSet
t ls.x200 = <xpre> <light_tgt> (调 到 | 开 到) {brightness} 就 行
t ls.x201 = [<xlead>] (太 亮 了 | 有点 刺眼) ， 把 <light_tgt> 调 到 {brightness}
t ls.x202 = [<xlead>] (有点 暗 | 看 不 清楚) ， 把 <light_tgt> 调 到 {brightness}
t ls.x203 = 我 (想 | 要) 把 <light_tgt> 调 成 {color}
t ls.x204 = <xpre> <light_tgt> 用 {color} [吧]
t ls.x205 = <xpre> 把 <light_tgt> 的 颜色 设置 成 {color}
t ls.x206 = <xpre> 把 <light_tgt> 的 亮度 (降 | 提) 到 {brightness}
t ls.x207 = <xpre> 把 <light_tgt> 调整 到 {brightness}
t ls.x208 = <xpre> 把 <light_tgt> 调整 成 {color} [的 颜色]
t ls.x209 = (能不能 | 可以) 把 <light_tgt> 的 色温 (调 | 设) 到 {temperature:kelvin} (吗 | 呀) [？]

intent HassClimateSetTemperature
t ct.x200 = <xpre> (温度 | 空调) (设定 | 设置) (在 | 为) {temperature}
t ct.x201 = 我 (想 | 要) (把 <heat> 调 到 | 把 <heat> 设 成) {temperature}
t ct.x202 = <xpre> 把 (空调 | 暖气) 设定 到 {temperature} [左右]
t ct.x203 = (能不能 | 可以) 把 {name:climate} (调 到 | 设 成) {temperature} (吗 | 呀) [？]
t ct.x204 = <xpre> [<in_area> | <on_floor>] (暖气 | 空调) 开 {temperature} [就 行]
t ct.x205 = (冷 死 了 | 热 死 了) ， <xpre> 把 (空调 | 暖气) (开 到 | 调 到) {temperature}

intent HassClimateGetTemperature
t cg.x200 = [<in_area> | <on_floor>] (温度 | 室温) 有 多 高 [？]
t cg.x201 = (你 知道 | 能 说说) [<in_area> | <on_floor>] (温度 | 室温) (是 多少 | 多少 度) 吗 [？]
t cg.x202 = <xpre> (播报 一下 | 告诉 我) [<in_area> | <on_floor>] (温度 | 室温)
t cg.x203 = {name:climate} 的 温度 (是 多少 | 多少) [？]
t cg.x204 = [<in_area> | <on_floor>] (温度 | 室温) 高 吗 [？]
t cg.x205 = 我 想 看看 [<in_area> | <on_floor>] 几 度

intent HassShoppingListAddItem
t sl.x200 = <xpre> 往 <xshop> 里 (放 | 塞) {item}
t sl.x201 = {item} (要 补货 了 | 只 剩 一点 了 | 见 底 了) ， <xpre> (加 | 添) 进 <xshop>
t sl.x202 = <xpre> (帮 我 | 给 我) 把 {item} (列 | 放) 进 <xshop> [里]
t sl.x203 = <xshop> (加 一 个 | 添 一 项) ： {item}
t sl.x204 = (明天 | 周末) 要 (买 | 采购) {item} ， (放进 | 加进) <xshop>
t sl.x205 = <xpre> 加 (一下 | 个) {item} 到 <xshop> [里]
t sl.x206 = 我们 (缺 | 需要) {item} ， <xpre> 加 到 <xshop> [上]
t sl.x207 = <xpre> {item} 放 到 <xshop> 上 [吧]

intent HassShoppingListCompleteItem
t sc.x200 = {item} (已经 买 到 了 | 买 完 了) ， <xpre> 在 <xshop> 上 (勾掉 | 划掉)
t sc.x201 = <xpre> <xshop> 上 (勾掉 | 划掉) {item} [吧]
t sc.x202 = (买 回来 了 | 拿 到 了) {item} ， <xshop> 上 (打 勾 | 勾 一下)
t sc.x203 = <xshop> 上 的 {item} (可以 勾掉 了 | 可以 划掉 了)
t sc.x204 = <xpre> 把 {item} 在 <xshop> 上 (勾 一下 | 打 个 勾)

intent HassListAddItem
t la.x200 = <xpre> 往 <list> 里 (放 | 塞) {item}
t la.x201 = {item} ， <xpre> (列 | 放) 到 <list> (上 | 里)
t la.x202 = <xpre> (帮 我 | 给 我) 把 {item:task} (列 | 放) 进 <list>
t la.x203 = <list> (加 一 条 | 添 一 项) ： {item:task}
t la.x204 = (明天 | 这 周) 要 {item:task} ， (加进 | 放进) <list>
t la.x205 = <xpre> 加 (一下 | 个) {item} 到 <list> [里]

intent HassListCompleteItem
t lc.x200 = {item:task} (做 好 了 | 完成 了) ， <xpre> 在 <list> 上 (勾掉 | 划掉)
t lc.x201 = <xpre> <list> 上 (勾掉 | 划掉) {item} [吧]
t lc.x202 = <list> 上 的 {item:task} (可以 勾掉 了 | 可以 划掉 了)
t lc.x203 = <xpre> 把 {item:task} (勾 上 | 打 上 勾) ， 在 <list> 里

intent HassListRemoveItem
t lr.x200 = <xpre> <list> 上 (删掉 | 去掉 | 删除) {item} [吧]
t lr.x201 = {item} (不 买 了 | 写 错 了) ， <xpre> 从 <list> 里 (删掉 | 拿掉)
t lr.x202 = <xpre> 把 <list> 里 的 {item:task} (拿掉 | 移除)
t lr.x203 = <xpre> 去掉 <list> (里 | 上) 的 {item}
t lr.x204 = (能不能 | 可以) 把 {item:task} 从 <list> (删除 | 移除) (吗 | 呀) [？]

intent HassVacuumStart
t vs.x200 = <xpre> {name:vacuum} (开始 吸尘 | 出去 扫 一圈 | 开始 工作) [吧]
t vs.x201 = (我 出门 了 | 我们 出去 了) ， <xpre> (启动 | 打开) {name:vacuum}
t vs.x202 = <xpre> 把 (<in_area> | <on_floor>) <vac> (启动 | 打开) [一下]
t vs.x203 = <xpre> 让 {name:vacuum} 扫 一 遍 地
t vs.x204 = (能不能 | 可以) 把 {name:vacuum} (开 起来 | 启动) (吗 | 呀) [？]

intent HassVacuumReturnToBase
t vb.x200 = <xpre> {name:vacuum} (别 扫 了 | 停 一下) ， 回 (充电座 | 充电 桩) [吧]
t vb.x201 = <xpre> 让 {name:vacuum} 去 充电 [吧]
t vb.x202 = <xpre> (送 | 叫) {name:vacuum} 回 (充电座 | 座子)
t vb.x203 = <xpre> {area} 的 <vac> (回 充电 桩 | 去 充电) [吧]
t vb.x204 = {name:vacuum} (电 不 够 了 | 快 没 电 了) ， (去 充 一下 电 | 回 充电座)

intent HassVacuumCleanArea
t vc.x200 = <xpre> (打扫 一下 | 吸 一下) {area} 的 地 [吧]
t vc.x201 = <xpre> (到 | 去) {area} (扫 一 扫 | 吸 一 吸)
t vc.x202 = {area} 有 (狗 毛 | 饼干 渣 | 碎 纸) ， <xpre> (清扫 | 吸) 一下
t vc.x203 = <xpre> (让 | 叫) {name:vacuum} (把 {area} 扫 干净 | 清扫 一下 {area})
t vc.x204 = (能不能 | 可以) 让 {name:vacuum} (扫 一下 | 清洁 一下) {area} (吗 | 呀) [？]
t vc.x205 = <xpre> 就 (扫 | 吸) {area} [吧]

intent HassMediaUnpause
t mun.x200 = <xpre> [<mp_tgt>] 再 (放 | 播) 起来 吧
t mun.x201 = <xpre> 不 (用 | 要) 暂停 了 [，] [<mp_tgt>] (继续 | 播放) 吧
t mun.x202 = <xpre> 从 刚才 (停 | 暂停) 的 地方 (继续 | 开始) [放 | 播]
t mun.x203 = (我 回来 了 | 电话 打 完 了) ， <xpre> [<mp_tgt>] (继续 放 | 继续 播)
t mun.x204 = <xpre> 把 <xmedia> 继续 (放 | 播) 完

intent HassMediaPlayerUnmute
t um.x200 = <xpre> 把 静音 (取消 | 关 了)
t um.x201 = (静音 | 静音 模式) (取消 | 关掉) 吧
t um.x202 = (怎么 没 声音 | 怎么 听 不 到) ， <xpre> 取消 静音
t um.x203 = <xpre> 把 {name:media_player} 的 静音 (解除 | 去掉)
t um.x204 = {name:media_player} (解除 静音 | 关闭 静音) [吧]

intent HassSetVolumeRelative
t vr.x200 = <xpre> <vtgt> <vol> (稍微 大 一点 {volume_step=up} | 稍微 小 一点 {volume_step=down})
t vr.x201 = <xpre> (把 声音 放 大 {volume_step=up} | 把 声音 放 小 {volume_step=down}) [一点 | 一些]
t vr.x202 = (我 听 不 见 {volume_step=up} | 吵 到 孩子 了 {volume_step=down}) ， <xpre> (调 一下 音量 | 调 一下 声音)
t vr.x203 = <xpre> <vtgt> 音量 (调 大 {volume_step:up} | 调 小 {volume_step:down})
t vr.x204 = <xpre> 把 <vtgt> 音量 (往 上 调 {volume_step=up} | 往 下 调 {volume_step=down}) [一点]
t vr.x205 = <vtgt> (音量 | 声音) (大 一些 {volume_step=up} | 小 一些 {volume_step=down}) [吧]

intent HassMediaSearchAndPlay
t ms.x200 = <xpre> <mplace> (找 点 | 搜 点) {search_query} (听听 | 放 放)
t ms.x201 = <xpre> <mplace> (搜索 并 播放 | 搜 一下 然后 播放) {search_query}
t ms.x202 = (有 没有 | 能 找 到) {search_query} ， (放 一下 | 播 一下)
t ms.x203 = <xpre> <mplace> (播放 | 放) {search_query:artist} {media_class=artist} (最 火 的 | 新 出 的) (歌 | 歌曲)
t ms.x204 = <xpre> <mplace> (放 | 播) (电影 | 片子) ， (名字 叫 | 叫) {search_query:movie} {media_class=movie}
t ms.x205 = <xpre> <mplace> (播放 | 放) {search_query:tv_show} {media_class=tv_show} (这 部 剧 | 最新 一 集)
t ms.x206 = <xpre> <mplace> 播放 {search_query:playlist} {media_class=playlist} 这个 歌单
t ms.x207 = <xpre> <mplace> (播放 | 放) {search_query:track} {media_class=track} 这 首 歌
t ms.x208 = <xpre> <mplace> (播放 | 收听) {search_query:podcast} {media_class=podcast} (这个 播客 | 最新 一 期)
t ms.x209 = <xpre> <mplace> 播放 {search_query:album} {media_class=album} (这 张 专辑 | 整 张 专辑)
t ms.x210 = (给 孩子 | 给 我们) <mplace> (放 | 播) {search_query}
t ms.x211 = <xpre> (随便 | 帮 我) 放 (几 首 | 一些) {search_query:artist} {media_class=artist} 的 歌

intent HassBroadcast
t bc.x200 = <xpre> (告诉 | 通知) 全屋 [的 人] [：] {message}
t bc.x201 = <xpre> (向 | 给) (所有 房间 | 每个 房间) (广播 | 播报) [一下] (： | ，) {message}
t bc.x202 = <xpre> 用 音箱 (说 | 播) (一 声 | 一下) [：] {message}
t bc.x203 = <xpre> (帮 我 | 给 我) 通知 (大家 | 家里 人) (说 | 一 声) [，] {message}
t bc.x204 = [<xlead>] 广播 (内容 是 | 的 内容) [：] {message}
t bc.x205 = <xpre> (全屋 | 家里) 播报 一 条 (消息 | 通知) ： {message}
t bc.x206 = {message} ， 把 这 句 话 (广播 出去 | 告诉 大家)
t bc.x207 = <xpre> (让 | 叫) 所有 音箱 说 [：] {message}
t bc.x208 = <xpre> (跟 | 对) 家里 (每个 人 | 所有 人) 说 一下 [，] {message}
t bc.x209 = 我 (想 | 要) (通知 | 告诉) 大家 [：] {message}

intent HassRespond
t re.x200 = (多谢 啦 | 谢谢 你 啊 | 感谢 你 | 好 的 ， 知道 了) [！]
t re.x201 = (明白 了 | 收到 | 好 的) [， 谢谢] [！]
t re.x202 = (早上 好 呀 | 下午 好 呀 | 晚安 啦 | 你好 小 助手) [！]
t re.x203 = (你 真 聪明 | 帮 大忙 了) [！]

intent HassNevermind
t nm.x200 = (那 就 算 了 | 那 不 用 了 | 就 这样 吧 ， 不 用 了) [！]
t nm.x201 = (取消 | 停) ， (不 用 了 | 算了)
t nm.x202 = (先 不 用 了 | 暂时 不 需要 | 等 会儿 再 说) [！]
t nm.x203 = (没 事 没 事 | 没 啥 事 | 随便 说 说 的) [！]
t nm.x204 = (忘 了 吧 | 别 理 我) [！]

intent HassStartTimer
t tm.x200 = <xpre> (开 | 设) 个 <timer> ， <dur>
t tm.x201 = <xpre> 给 {name:timer} 定 个 <timer> ， <dur>
t tm.x202 = [<xlead>] {name:timer} ， <dur> 后 提醒 我
t tm.x203 = <xpre> 等 <dur> (然后 | 之后) {conversation_command}
t tm.x204 = <xpre> <dur> (以后 | 之后) (帮 我 | 给 我) {conversation_command}
t tm.x205 = [<xlead>] (开始 | 开) 计时 ， <dur>
t tm.x206 = <xpre> <dur> (后 | 以后) 提醒 我 {name:timer} (好 了 | 到 时间 了)
t tm.x207 = <xpre> (做 | 弄) 一个 {name:timer} 的 <timer> ， (时间 | 时长) <dur>
t tm.x208 = <xpre> <dur> 倒计时 (开始 | 走 起)

intent HassCancelTimer
t tc.x200 = <xpre> (结束 | 终止) <timer_tgt>
t tc.x201 = <timer_tgt> (可以 关 了 | 可以 取消 了) [吧]
t tc.x202 = {name:timer} (弄 好 了 | 已经 好 了) ， (把 | 给) (那个 | 它 的) <timer> (关 了 | 取消 了)
t tc.x203 = <xpre> (删 | 关) 掉 <timer_tgt> 吧
t tc.x204 = (先 | 马上) (取消 | 停止) <timer_tgt>

intent HassIncreaseTimer
t ti+.x200 = <xpre> <timer_tgt> (再 延长 | 增加) <dur>
t ti+.x201 = {name:timer} 还 没 好 ， (给 它 | 把 它 的 <timer>) 再 加 <dur>
t ti+.x202 = <xpre> 给 <timer_tgt> 补 <dur>
t ti+.x203 = <xpre> <timer_tgt> 时间 (加长 | 加) <dur>
t ti+.x204 = <xpre> 把 <timer_tgt> 调 长 <dur>

intent HassDecreaseTimer
t td.x200 = <xpre> 把 <timer_tgt> 调 短 <dur>
t td.x201 = <xpre> <timer_tgt> 时间 (减 | 少 算) <dur>
t td.x202 = {name:timer} 快 好 了 ， (给 它 | 把 它 的 <timer>) 减 <dur>
t td.x203 = <xpre> 给 <timer_tgt> (拿掉 | 减 掉) <dur>
t td.x204 = (能不能 | 可以) 把 <timer_tgt> 调 短 <dur> (吗 | 呀) [？]

intent HassGetCurrentTime
t ti.x200 = (现在 | 这会儿) (几 点 钟 了 | 是 几 点 钟) [？]
t ti.x201 = <xpre> (说 一下 | 讲 一下) 现在 (几 点 | 的 时间)
t ti.x202 = 我 想 知道 现在 (几点 | 的 时间)
t ti.x203 = 现在 北京 时间 几点 [？]

intent HassGetCurrentDate
t da.x200 = 今天 (是 星期 几 | 是 礼拜 几) [呀] [？]
t da.x201 = 我 想 知道 今天 (几号 | 的 日期 | 是 几月 几号)
t da.x202 = 今天 是 这个 月 的 几号 [？]
t da.x203 = 今天 是 周 几 来着 [？]
t da.x204 = <xpre> (讲 一下 | 看看) 今天 是 几月 几号

# ========== more phrasings (2026-11-23, ids *.y*): new verbs, word orders, questions and
# indirect requests for every intent, written without reading the held-out templates ==========


# ---------- g1 zh-CN: more phrasings for on/off/state/light/climate/fan/position (ids *.y*) ----------
# New verbs (弄/整/搞 开, 打 开来, 开 一 开, 灭 掉, 拉 灭, 开 机/关 机, 落 锁, 跑 一下, 激活, 打 到, 定 在,
# 拉 到, 停 在, 开度, 转速 ...), object-first questions, afterthoughts, indirect requests, 咯/喽/哈.
rule g1z_lamp = {domain=light} (灯 | 灯光 | 电灯)
rule g1z_ltgt = {name:light} | <in_area> {name:light} | [<all>] <g1z_lamp> | <in_area> [<all>] <g1z_lamp> | <on_floor> [<all>] <g1z_lamp>
rule g1z_ask = 帮 我 (看看 | 瞧瞧 | 瞅 一眼) | 你 (查 查 | 看 一下) | 你 知道
rule g1z_loc = {area} | {area} 里 | {area} 里面 | {floor} | 家 里
rule g1z_garea = {area} | {area} 里 | {floor}
rule g1z_fan = {name:fan} | [<in_area> | <on_floor>] (风扇 | 电扇 | 吊扇)
rule g1z_ok = 行 吗 | 好 吗 | 可以 吗 | 成 不 成 | 好 不 好
rule g1z_end = [吧 | 哈 | 好 吗 | 谢谢 | 行 吗]
rule g1z_shadekind = {domain=cover,device_class=curtain} (窗帘 | 布帘) | {domain=cover,device_class=blind} (百叶窗 | 百叶帘) | {domain=cover,device_class=shade} (卷帘 | 遮光帘)
rule g1z_sunkind = <g1z_shadekind> | {domain=cover,device_class=window} (窗户 | 窗)

intent HassTurnOn
t on.y1 = <xpre> 把 <onoff_tgt> (弄 | 整 | 搞) 开 [咯 | 喽 | 吧 | 哈]
t on.y2 = <xpre> 把 <onoff_tgt> ((打 开来 | 开 一 开) [吧 | 嘛] | 开 咯 | 开 喽 | 开 了 哈)
t on.y3 = [<xlead>] <onoff_tgt> (帮 我 | 给 我) (开 一下 | 打开) (<g1z_ok>) [？]
t on.y4 = 你 (帮 我 | 去) 把 <onoff_tgt> (开 了 | 打开) (好 不 好 | 行 不 行) [？]
t on.y5 = <xpre> (开 一下 | 打开) ， (就是 | 我 说 的 是) <onoff_tgt>
t on.y6 = {domain=light} (这里 | 屋里 | 房间 里 | 这 屋) (太 暗 了 | 好 黑 啊 | 黑 漆漆 的 | 什么 都 看 不 见) [， (亮 个 灯 吧 | 给 点 光 | 灯 开 一下)]
t on.y7 = {area} [里 | 里面] (太 暗 了 | 黑 乎乎 的 | 一点 光 都 没有) ， <xpre> (开 个 灯 | 把 灯 打开 | 灯 开 一下) {domain=light}
t on.y8 = (好 热 啊 | 热 死 了 | 闷 得 慌 | 一点 风 都 没有) ， <xpre> (把 [<in_area>] <fans> 开 开 | 开 一下 [<in_area>] <fans> | 把 [<in_area>] {name:fan} 打开)
t on.y9 = (<xpre> 把 | [<xlead>]) [<in_area>] {name:media_player,climate} (开 机 | 开 个 机) [吧]
t on.y10 = <xpre> (开 个 | 开 下) {name:input_boolean} <g1z_end>
t on.y11 = [<xlead>] <cover_tgt> ((给 我 | 帮 我) (拉开 | 打开 | 升 起来) <g1z_end> | (拉开 | 打开 | 开 一下) (<g1z_ok>) [？])
t on.y12 = (屋里 太 闷 了 | 想 晒 晒 太阳 | 让 阳光 进来 | 屋里 太 暗 了) ， <xpre> 把 [<in_area> | <on_floor>] [<all>] <g1z_sunkind> (拉开 | 打开)
t on.y13 = [<xlead>] [<in_area>] {name:lock} (落 锁 | 锁 一 锁 | 给 锁 上) [吧]
t on.y14 = (门 好像 没 锁 | 我 忘 了 锁 门 | 晚上 了) ， <xpre> (把 {name:lock} 锁 (上 | 好) | 锁 一下 {name:lock})
t on.y15 = (没 水 了 | 要 用 水 了 | 该 浇 水 了) ， <xpre> (开 一下 | 打开) [<in_area>] {name:valve}
t on.y16 = <xpre> 把 [<in_area>] {name:valve} (打 开来 | 开开 | 开 了) [吧]
t on.y17 = <xpre> (换 成 | 切 成 | 调 成) {name:scene} [场景 | 模式] <g1z_end>
t on.y18 = <xpre> (来 个 | 弄 个 | 整 个 | 激活 | 应用) {name:scene} [场景 | 模式]
t on.y19 = <xpre> ((跑 一下 | 跑 一遍 | 触发 | 走 一遍) {name:script} [脚本 | 流程] | 把 {name:script} [脚本 | 流程] (跑 一下 | 跑 一遍 | 触发 一下))
t on.y20 = (好 冷 啊 | 冻 死 了 | 冷 得 发抖) ， <xpre> (把 [<in_area>] {name:climate} 打开 | 开 一下 {name:climate})

intent HassTurnOff
t off.y1 = <xpre> 把 <onoff_tgt> (整 | 搞) 关 了 [吧 | 哈]
t off.y2 = <xpre> 把 <g1z_ltgt> (灭 了 | 灭 掉 | 弄 灭 | 拉 灭) [吧 | 哈]
t off.y3 = [<xlead>] <g1z_ltgt> (灭 了 吧 | 灭 掉 吧 | 可以 灭 了)
t off.y4 = <xpre> 把 <onoff_tgt> (关 一 关 | 关 咯 | 关 喽 | 关 了 哈)
t off.y5 = [<xlead>] <onoff_tgt> (帮 我 | 给 我) (关 一下 | 关掉) (<g1z_ok>) [？]
t off.y6 = 你 (帮 我 | 去) 把 <onoff_tgt> (关 了 | 关掉) (好 不 好 | 行 不 行) [？]
t off.y7 = <xpre> (关 一下 | 关掉) ， (就是 | 我 说 的 是) <onoff_tgt>
t off.y8 = (没 人 用 | 浪费 电 | 太 费 电 了) ， <xpre> 把 <onoff_tgt> 关 (了 | 掉)
t off.y9 = (太 吵 了 | 吵 死 了) ， <xpre> 把 [<in_area>] (<fans> | {name:fan,media_player}) 关 (了 | 掉)
t off.y10 = (太 亮 了 睡 不 着 | 晃 眼睛) ， <xpre> (把 <g1z_ltgt> 关 了 | 关 个 灯 {domain=light})
t off.y11 = (<xpre> 把 | [<xlead>]) [<in_area>] {name:media_player,climate} (关 机 | 关 个 机) [吧]
t off.y12 = <xpre> (关 下 | 退出 | 取消) {name:input_boolean} <g1z_end>
t off.y13 = [<xlead>] <cover_tgt> (给 我 | 帮 我) (拉上 | 关上 | 放 下来) <g1z_end>
t off.y14 = (要 下雨 了 | 外面 能 看 见 | 风 太 大 了 | 要 出门 了) ， <xpre> 把 <cover_tgt> (关 好 | 关上 | 拉上)
t off.y15 = <xpre> 把 <cover_tgt> (关 严 | 关 严实 | 关 好) [吧]
t off.y16 = (我 到 家 了 | 我 回来 了 | 有 人 敲门) ， <xpre> 把 {name:lock} (打开 | 解锁)
t off.y17 = [<xlead>] [<in_area>] {name:lock} (给 我 | 帮 我) (打开 | 解 开 | 解锁) [吧]
t off.y18 = [<xlead>] [<in_area>] {name:valve} (关 一 关 | 给 关 上 | 关 严) [吧]
t off.y19 = (要 出 远门 了 | 家 里 没 人) ， <xpre> 把 {name:valve} 关 (上 | 掉)
t off.y20 = (不 冷 了 | 不 热 了 | 凉快 了) ， <xpre> 把 [<in_area>] {name:climate} (关 了 | 关掉 | 停 了)

intent HassGetState
t st.y1 = ({name:light,switch,fan,cover,valve} (是 开 着 还是 关 着 | 是 开 的 还是 关 的) | {name:lock} (是 锁 着 还是 开 着 | 锁 了 还是 没 锁)) [呀 | 啊] [？]
t st.y2 = <g1z_ask> {name:light,switch,fan} ({state=off} 关 了 没有 | {state=on} 开 着 没有 | {state=on} 是不是 还 开 着)
t st.y3 = {name:light} ({state=on} 还 亮 着 吗 | {state=on} 是不是 还 亮 着 | {state=on} 亮 着 没 | {state=off} 灭 了 没有 | {state=off} 灭 了 吗) [？]
t st.y4 = [<in_area> | <on_floor>] {name:cover} ({state=closed} 拉 上 了 | {state=open} 拉 开 了) (吗 | 没有 | 没) [？]
t st.y5 = (帮 我 确认 一下 | 我 想 确认 一下 | 检查 一下) {name:cover,valve} ({state=closed} 是不是 关 好 了 | {state=open} 是不是 开 着 | {state=closed} 有没有 关 好)
t st.y6 = [<g1z_ask>] [<in_area> | <on_floor>] {name:lock} ({state=locked} 有 没 有 锁 (上 | 好) | {state=unlocked} 是不是 开 着 的 | {state=locked} 是 锁 着 的 吗) [？]
t st.y7 = [<g1z_ask>] [<in_area> | <on_floor>] {name:binary_sensor} ({state=on} 有 没 有 (触发 | 动静) | {state=on} 有 动静 吗 | {state=on} 是不是 触发 了 | {state=off} 是不是 关 着) [？]
t st.y8 = [<g1z_ask>] {name:sensor} (这会儿 | 现在) (多少 了 | 有 多少 | 是 多少 来着 | 显示 几) [？]
t st.y9 = <xpre> (念 一下 | 说说 | 汇报 一下) {name:sensor} [的 (数值 | 读数)]
t st.y10 = {name:sensor,light,switch,fan,cover,lock,valve,climate,media_player} (怎么样 了 | 啥 情况 | 什么 情况 了 | 啥 状态) [？]
t st.y11 = {name:person} (跑 哪 去 了 | 人 在 哪 | 现在 在 什么 地方 | 这会儿 在 哪儿 呢 | 到 哪 了) [？]
t st.y12 = ((你 知道 | 你 能 查 到) {name:person} (在 哪 | 在 哪儿 | 现在 的 位置) 吗 | (查 一下 | 看看 | 定位 一下) {name:person} (的 位置 | 在 哪儿)) [？]
t st.y13 = {name:person} ({state=home} (到 家 没 | 已经 到 家 了 吗 | 还 在 家 吗 | 在 家 没) | {state=not_home} (走 了 吗 | 出去 了 没有 | 离开 家 了 吗 | 还 在 外面 吗 | 出门 了 没)) [？]
t st.y14 = ((现在 | 这会儿) 家 里 (都 有 谁 | 有 谁 在) {state=home} | 谁 (不 在 家 | 出去 了 | 还 没 回来) {state=not_home}) {domain=person} [？]
t st.y15 = [<g1z_loc>] 还 有 (亮 着 的 | 开 着 的 | 没 关 的) (灯 | 电灯) {domain=light} {state=on} (吗 | 没有) [？]
t st.y16 = [<g1z_loc>] 还 有 (开 着 的 | 没 关 的) ({domain=fan} 风扇 | {domain=switch} 插座 | {domain=switch} 开关) (吗 | 没有) {state=on} [？]
t st.y17 = [<g1z_loc>] (有 没 有 没 锁 的 门 | 还 有 没 锁 的 门 吗 | 有 没 有 门 没 锁 好) {domain=lock} {state=unlocked} [？]
t st.y18 = [<g1z_loc>] (有 没 有 <coverkind> 没 关 (好 | 上) {state=open} | <coverkind> 是不是 都 关 好 了 {state=closed} | <coverkind> 是不是 都 开 着 {state=open}) [？]

intent HassLightSet
t ls.y1 = <xpre> 把 <light_tgt> [的 亮度] (拉 到 | 推 到 | 弄 到 | 整 到) {brightness} <g1z_end>
t ls.y2 = <xpre> (用 | 按) {brightness} 的 亮度 (打开 | 开) <light_tgt>
t ls.y3 = <light_tgt> (能不能 | 能 不 能 | 可不可以) (调 到 | 调 成) {brightness} [啊 | 呀] [？]
t ls.y4 = (这 光 不 太 舒服 | 光线 不 太 合适) ， <xpre> 把 <light_tgt> (调 到 | 调 成) {brightness} [吧]
t ls.y5 = [<xlead>] <light_tgt> 的 亮度 ， (给 我 | 帮 我) (调 | 设) (到 | 成) {brightness}
t ls.y6 = [<xlead>] (亮度 | 灯 的 亮度) (给 我 | 帮 我) (拉 到 | 调 到 | 弄 到) {brightness} {domain=light}
t ls.y7 = <xpre> 给 <light_tgt> 换 (个 | 成) {color} [的 光 | 的 颜色]
t ls.y8 = <xpre> 给 <light_tgt> 换 个 颜色 ， (换 成 | 要 | 就) {color} [吧]
t ls.y9 = [<xlead>] (我 想 要 | 想 换 成 | 给 我) {color} 的 灯光 {domain=light} [吧]
t ls.y10 = <light_tgt> (变 | 变 成 | 弄 成) {color} (<g1z_ok>) [？]
t ls.y11 = <xpre> 把 <light_tgt> (换 成 | 调 成) {temperature:kelvin} 的 (光 | 色温)
t ls.y12 = [<xlead>] (<light_tgt> 的 | {domain=light}) 色温 (给 我 | 帮 我) (弄 | 整 | 拉) 到 {temperature:kelvin}

intent HassClimateSetTemperature
t ct.y1 = <xpre> 把 [<in_area> | <on_floor>] (空调 | 暖气 | 温度) (打 到 | 弄 到 | 整 到) {temperature} <g1z_end>
t ct.y2 = [<xlead>] [<in_area> | <on_floor>] (空调 | 温度 | 暖气) (定 在 | 定 到 | 设定 成) {temperature} [吧]
t ct.y3 = <xpre> 把 {name:climate} 的 (温度 | 设定 温度) (打 到 | 定 在 | 设 到) {temperature}
t ct.y4 = (能不能 | 能 不 能 | 可不可以) 让 [<in_area> | <on_floor>] (温度 | 室温) (到 | 变 成) {temperature} [啊 | 呀] [？]
t ct.y5 = (晚上 睡觉 | 我 要 睡 了 | 家 里 来 客人 了) ， [<xlead>] [把] (空调 | 温度) (调 到 | 打 到 | 设 成) {temperature}
t ct.y6 = {temperature} 吧 ， (空调 | 温度) 就 (调 | 设) (这么 多 | 这个)
t ct.y7 = [<xlead>] {name:climate} (给 我 | 帮 我) (调 | 打 | 设) (到 | 成) {temperature} [吧]
t ct.y8 = [<in_area> | <on_floor>] (温度 | 空调) (调 到 | 设 成) {temperature} (<g1z_ok>) [？]
t ct.y9 = [<xlead>] 我 想 让 [<in_area> | <on_floor>] (温度 | 室温) (到 | 在) {temperature}
t ct.y10 = <xpre> 把 [<in_area> | <on_floor>] (温度 | 空调 | 暖气) (调 高 | 调 低 | 往 上 调 | 往 下 调) 到 {temperature}
t ct.y11 = [<xlead>] (温度 | 空调 温度) (帮 我 | 给 我) 改 (到 | 成) {temperature} [吧]

intent HassClimateGetTemperature
t cg.y1 = [<g1z_garea> | 我 这 屋 | 这 屋] (现在 | 这会儿) (冷 吗 | 热 吗 | 凉 不 凉) [？]
t cg.y2 = (帮 我 | 你) (瞅 一眼 | 看 一眼 | 瞧 瞧) [<g1z_garea>] (温度 | 室温)
t cg.y3 = (现在 | 这会儿) [<g1z_garea>] (几 度 了 | 多少 度 了 | 温度 多少 了) [？]
t cg.y4 = [<g1z_garea>] 温度计 (显示 多少 | 上 是 几 度 | 显示 几 度) [？]
t cg.y5 = {name:climate} (那边 | 那儿) (实际 温度 | 现在 的 温度 | 室温) (是 多少 | 有 多少 | 几 度) [？]
t cg.y6 = (感觉 有点 冷 | 有点 热 | 是不是 有点 闷) ， (看看 | 帮 我 看 一下) [<g1z_garea>] (现在 几 度 | 现在 多少 度 | 实际 温度)
t cg.y7 = [<g1z_garea>] (温度 | 室温) (咋样 | 咋样 了 | 如何) [啊] [？]
t cg.y8 = (几 度 了 | 多少 度 了 | 温度 多少) (现在 | 啊) ， (<g1z_garea> | 屋 里)
t cg.y9 = {name:climate} 上 (显示 的 当前 温度 | 测 出来 的 室温) 是 多少 [？]
t cg.y10 = 家 里 (现在 | 这会儿) (冷 不 冷 | 热 不 热 | 温度 高 不 高) [？]
t cg.y11 = <xpre> (量 一下 | 测 测) [<g1z_garea>] (温度 | 室温)

intent HassFanSetSpeed
t fs.y1 = <xpre> 把 [<in_area> | <on_floor>] (风速 | 转速 | 风扇 转速 | 风力) (拉 到 | 弄 到 | 打 到 | 整 到) {percentage} <g1z_end>
t fs.y2 = <xpre> 把 {name:fan} 的 (转速 | 风力 | 风) (调 | 开 | 拉) 到 {percentage}
t fs.y3 = (风 太 大 了 | 风 太 小 了 | 吹 得 有点 冷) ， [<xlead>] [把] (风速 | 风扇) (调 到 | 改 到 | 调 成) {percentage}
t fs.y4 = (太 热 了 | 好 闷 啊 | 热 死 了) ， <xpre> 把 {name:fan} (开 到 | 调 到) {percentage}
t fs.y5 = <xpre> 让 <g1z_fan> 用 {percentage} 的 (速度 | 风速) (转 | 吹)
t fs.y6 = <g1z_fan> (能不能 | 可不可以 | 能 不 能) (调 到 | 开 到) {percentage} [啊 | 呀] [？]
t fs.y7 = <g1z_fan> (开 | 调) {percentage} 就 (行 | 好 | 可以)
t fs.y8 = [<xlead>] <g1z_fan> 的 风速 ， (给 我 | 帮 我) (调 | 设) (到 | 成) {percentage}
t fs.y9 = 我 (想 | 要) 把 <g1z_fan> [的 风速] (调 | 开) 到 {percentage}
t fs.y10 = <xpre> (调 一下 | 改 一下) <g1z_fan> 的 (风速 | 转速) ， (到 | 调 到) {percentage}

intent HassSetPosition
t pos.y1 = <xpre> 把 <cover_tgt> (拉 到 | 摇 到 | 弄 到 | 卷 到) {position} <g1z_end>
t pos.y2 = <xpre> 把 <cover_tgt> (打开 | 拉开 | 开) {position} [就 行 | 就 好]
t pos.y3 = [<xlead>] <cover_tgt> 开 [个] {position} (就 行 | 就 好 | 吧)
t pos.y4 = <xpre> 把 <cover_tgt> 的 (位置 | 开度 | 高度) (调 | 设) (到 | 成 | 为) {position}
t pos.y5 = <xpre> 让 <cover_tgt> 停 在 {position} [的 位置]
t pos.y6 = <cover_tgt> (能不能 | 能 不 能 | 可不可以) (开 到 | 调 到 | 停 在) {position} [啊 | 呀] [？]
t pos.y7 = (太 晒 了 | 有点 暗 | 光 太 强 了) ， <xpre> 把 [<in_area> | <on_floor>] [<all>] <g1z_shadekind> (调 到 | 拉 到 | 开 到) {position}
t pos.y8 = [<xlead>] [<in_area>] {name:valve} (的 开度 (调 | 设) (到 | 成) | 开 [个]) {position} [就 行 | 吧]
t pos.y9 = <cover_tgt> ， (开 到 | 调 到 | 放 到) {position} [就 行]
t pos.y10 = 我 (想 | 要) 把 <cover_tgt> (开 | 调 | 拉) 到 {position}
t pos.y11 = [<xlead>] (帮 我 | 给 我) 把 <cover_tgt> (调整 到 | 挪 到 | 弄 到) {position}


# ---------- 媒体、音量、静音、搜索播放、广播的新说法 (g2z): 新动词 (安排 上、整 点、点 一 首、唱 一 首、追 剧、
# 掐 掉、消音、mute、解 掉、转告、传 话、宣布、讲 一 声)、物件前置、把 字 句、问句、先说原因再下命令、量词、语气词 ----------
# 播放源: 设备名或房间 (静音/取消静音没有房间组合, 不用这个规则)
rule g2z_src = {name:media_player} (上 的 | 的 | 里 的 | 放 的) | {area} (的 | 里 的 | 那边 的)
rule g2z_media = 音乐 | 歌 | 电影 | 视频 | 节目 | 电视剧 | 片子 | 动画片 | 故事
rule g2z_dev = {name:media_player} | {area} (的 | 那边 的) (音乐 | 歌 | 电视 | 节目)
# 句首的话题 (后面直接跟动词): "走廊 那边 按 一下 暂停"
rule g2z_at = {name:media_player} | {area} [那边 | 里]
# 宾语: 空, 话题, 或 "X 的 音乐"
rule g2z_obj = [<g2z_at>] | <g2z_src> <g2z_media> | <g2z_media>

intent HassMediaPause
t mpa.y1 = <xpre> [<g2z_at>] (按 一下 暂停 | 点 一下 暂停 | 按 暂停 键) <xpost>
t mpa.y2 = (等 一下 | 等等 | 稍等 一下) ， <xpre> <g2z_obj> (暂停 [一下] | 停 一 停)
t mpa.y3 = 我 (去 接 个 电话 | 去 开 个 门 | 去 趟 厕所 | 出去 一下 | 去 拿 个 快递) ， <xpre> 把 [<g2z_src>] <g2z_media> 暂停 [一下]
t mpa.y4 = [<g2z_src>] <g2z_media> (先 停 着 | 停 在 这儿 | 暂停 在 这里) [吧 | 哈]
t mpa.y5 = [<g2z_src>] <g2z_media> (能 | 可以) (暂停 | 停 一下) (吗 | 不) [？]
t mpa.y6 = <xpre> 把 [<g2z_src>] <g2z_media> (停 住 | 停 下来 | 暂停 住) <xpost>
t mpa.y7 = (有 人 敲门 | 电话 响 了 | 宝宝 要 睡 了 | 外卖 到 了) ， <xpre> (暂停 [一下] | 停 一 停) [<g2z_src> <g2z_media> | <g2z_media>]
t mpa.y8 = <xpre> 让 <g2z_dev> (歇 一会儿 | 先 停 会儿 | 暂停 一会儿 | 停 一 会儿)
t mpa.y9 = <xpre> 暂停 ({name:media_player} 上 的 | {area} (的 | 里 的)) (音乐 | 歌 | 电影 | 视频 | 节目)
t mpa.y10 = (暂停 | 暂停 暂停 | 停 停 停) ， 我 (要 | 得) (出去 | 走开) 一下
t mpa.y11 = <xpre> 把 [({name:media_player} | {area}) 的] 播放 (暂停 一下 | 先 暂停)

intent HassMediaUnpause
t mun.y1 = <xpre> [<g2z_at>] (按 一下 播放 | 点 一下 播放 | 按 播放 键) <xpost>
t mun.y2 = <xpre> <g2z_obj> 继续 往 下 (放 | 播) [吧 | 呀]
t mun.y3 = <xpre> 把 [<g2z_src>] <g2z_media> (恢复 播放 <xpost> | 恢复 一下 [吧])
t mun.y4 = (能 | 可以) (帮 我 | 给 我) 把 [<g2z_src>] <g2z_media> 继续 (放 | 播) [一下] (吗 | 不) [？]
t mun.y5 = (饭 吃 完 了 | 客人 走 了 | 快递 拿 到 了 | 门 关 好 了 | 我 忙 完 了) ， <xpre> <g2z_obj> 继续 (放 | 播放 | 播) [吧]
t mun.y6 = <xpre> 继续 (看 [<g2z_src>] (电影 | 视频 | 电视剧 | 节目 | 动画片) | 听 [<g2z_src>] (音乐 | 歌 | 故事)) [吧]
t mun.y7 = <xpre> 把 暂停 (取消 | 取消 掉 | 解除 | 关掉) [吧]
t mun.y8 = <xpre> 把 {name:media_player} 的 暂停 (取消 | 取消 掉 | 解除) [吧]
t mun.y9 = [<g2z_src>] <g2z_media> 继续 [！ | 吧 | 啊]
t mun.y10 = 怎么 (停 了 | 不 动 了 | 卡 住 了) (？ | ，) <g2z_obj> 继续 (放 | 播) (啊 | 呀 | 吧)
t mun.y11 = <xpre> 让 (它 | 音乐 | 歌 | {name:media_player}) 继续 唱 [吧]
t mun.y12 = 我 准备 好 了 ， (继续 | 继续 放 | 继续 播 吧 | 可以 继续 放 了)
t mun.y13 = <xpre> 恢复 一下 [<g2z_src>] <g2z_media> [吧 | 好 吗]

intent HassMediaNext
t mnx.y1 = <xpre> [<g2z_at>] (跳 到 | 跳 去) 下 一 (首 | 集 | 曲 | 个 视频) [吧 | 呀 | 好 吗]
t mnx.y2 = (这 首 | 这 歌 | 这 首 歌) (不 好听 | 我 不 喜欢 | 听 腻 了 | 太 难听 了) ， <xpre> (换 一 首 | 切 了 吧 | 下 一 首)
t mnx.y3 = <xpre> [<g2z_at>] (换 首 歌 | 换 一 首 | 换 首 别的) <xpost>
t mnx.y4 = (能 | 可以) (跳过 | 切 掉) 这 (首 | 集 | 个) (吗 | 不) [？]
t mnx.y5 = <xpre> 把 (这 首 | 这 首 歌 | 这 集 | 这 个) (切 了 | 跳 过去 | 过 掉)
t mnx.y6 = <xpre> ({name:media_player} | {area} [的 | 里 的] [电视]) (换 到 | 跳 到 | 播) 下 一 集
t mnx.y7 = 下 一 (首 | 集) (走 起 | 来 吧)
t mnx.y8 = 这 集 (看 完 了 | 看过 了) ， <xpre> [<g2z_at>] (放 | 播) 下 一 集
t mnx.y9 = <xpre> [<g2z_at>] 往 后 (切 | 跳) 一 (首 | 集)
t mnx.y10 = [<xlead>] 不 (想 | 要) 听 这 首 [了] ， (换 下 一 首 | 换 一 首 | 切 一下) [吧]
t mnx.y11 = <xpre> 切 一下 (<g2z_src> 歌 | 歌)
t mnx.y12 = <xpre> [<g2z_dev>] (放 | 切 到 | 换 到) (后 一 首 | 下 一 曲) <xpost>

intent HassMediaPrevious
t mpr.y1 = <xpre> [<g2z_at>] (跳 回 | 退 回 | 倒 回) 上 一 (首 | 集 | 曲) [吧 | 呀 | 好 吗]
t mpr.y2 = <xpre> [<g2z_at>] (回 到 | 切 回) 刚才 那 (首 | 首 歌 | 集)
t mpr.y3 = <xpre> [<g2z_at>] (往 前 | 往 回) (切 | 跳 | 倒) 一 (首 | 集)
t mpr.y4 = (能 | 可以) (回 到 | 返回 | 退 回) 上 一 (首 | 集) (吗 | 不) [？]
t mpr.y5 = (上 一 集 我 还 没 看 完 | 上 一 首 我 还 没 听 完) ， <xpre> (退 回去 | 倒 回去 | 切 回去)
t mpr.y6 = <xpre> 把 上 一 (首 | 集) 再 (放 | 播) 一下
t mpr.y7 = 我 (想 | 要) 回 到 上 一 (首 | 集)
t mpr.y8 = <xpre> ({name:media_player} | {area} [的 | 里 的]) (切 回 | 换 回 | 放) 前 一 (首 | 集)
t mpr.y9 = (刚才 那 首 好听 | 刚才 那 首 没 听 清) ， <xpre> (回 到 上 一 首 | 再 放 上 一 首 | 退 回 上 一 首)
t mpr.y10 = <xpre> [<g2z_at>] (退 一 首 | 后退 一 首 | 倒 回 一 首)
t mpr.y11 = [<xlead>] 前 一 (首 | 集 | 曲) [吧 | 呀]

intent HassSetVolume
rule g2z_vsrc = {name:media_player} [的 | 上 的] | {area} [的 | 里 的 | 那边 的]
rule g2z_vset = 改 成 | 改 到 | 弄 到 | 拉 到 | 搞 到 | 定 在 | 放 在 | 固定 在
t sv.y1 = <xpre> 把 [<g2z_vsrc>] <vol> <g2z_vset> {volume_level} <xpost>
t sv.y2 = [<g2z_vsrc>] <vol> (定 在 | 固定 在 | 放 在) {volume_level} [吧 | 就 行]
t sv.y3 = (能 | 可以) (帮 我 | 给 我) 把 <vol> (改 成 | 定 在 | 弄 到) {volume_level} (吗 | 不) [？]
t sv.y4 = <vol> (能 | 可以) (调 到 | 开 到) {volume_level} 吗 [？]
t sv.y5 = (声音 有点 吵 | 有点 听 不 清) ， <xpre> 把 <vol> (调 到 | 设 成 | 改 成) {volume_level}
t sv.y6 = [<g2z_vsrc>] <vol> 就 {volume_level} 吧
t sv.y7 = [<xlead>] 给 {name:media_player} (调 | 设) 个 {volume_level} 的 音量
t sv.y8 = <xpre> <vol> (调整 为 | 调节 到 | 设定 为 | 设定 成) {volume_level} <xpost>
t sv.y9 = <xpre> {area} [里] (音量 | 声音) (调节 到 | 改 成 | 弄 到) {volume_level}
t sv.y10 = <xpre> {name:media_player} (音量 | 声音) (改 成 | 弄 到 | 拉 到) {volume_level} [吧]
t sv.y11 = <xpre> 把 <vol> 设 一下 ， (调 到 | 设 成) {volume_level}
t sv.y12 = 我 (想 | 要) 把 [<g2z_vsrc>] <vol> (调 到 | 设 成) {volume_level}

intent HassSetVolumeRelative
t vr.y1 = <xpre> <vtgt> <vol> (加 大 {volume_step=up} | 减 小 {volume_step=down} | 加 一点 {volume_step=up} | 减 一点 {volume_step=down}) <xpost>
t vr.y2 = <xpre> <vtgt> (声音 | 音量) 再 (高 一点 {volume_step=up} | 低 一点 {volume_step=down} | 大 一些 {volume_step=up} | 小 一些 {volume_step=down})
t vr.y3 = (吵 死 了 | 震 得 耳朵 疼 | 耳朵 受 不 了 了) {volume_step=down} [， <xpre> (调 小 点 | 小声 点)]
t vr.y4 = (声音 有点 轻 | 声音 跟 蚊子 一样 | 听 不 太 清楚 | 坐 在 后面 听 不 清) {volume_step=up} [， <xpre> (调 大 点 | 大声 点)]
t vr.y5 = <xpre> 把 <vtgt> <vol> (加 | 往 上 加 | 加 上) {volume_step:up} <xpost>
t vr.y6 = <xpre> 把 <vtgt> <vol> (减 | 往 下 减 | 减 掉) {volume_step:down} <xpost>
t vr.y7 = <xpre> (大 点 声 {volume_step=up} | 小 点 声 {volume_step=down}) [吧 | 啊 | 行 吗]
t vr.y8 = <vtgt> (声音 | 音量) 能 (再 大 一点 {volume_step=up} | 再 小 一点 {volume_step=down}) (吗 | 不) [？]
t vr.y9 = <xpre> 把 <vtgt> <vol> (调 高 一 格 {volume_step=up} | 调 低 一 格 {volume_step=down} | 加 一 格 {volume_step=up} | 减 一 格 {volume_step=down})
t vr.y10 = <vol> 再 (加 {volume_step:up} | 减 {volume_step:down}) [吧]
t vr.y11 = (小声 点 | 轻 一点) {volume_step=down} ， (孩子 在 睡觉 | 我 在 打 电话 | 邻居 有 意见 了)
t vr.y12 = <xpre> <vtgt> (声音 | 音量) (开 响 点 {volume_step=up} | 调 响 点 {volume_step=up} | 放 轻 点 {volume_step=down} | 调 轻 点 {volume_step=down}) [儿]

intent HassMediaPlayerMute
t mu.y1 = <xpre> 让 (它 | {name:media_player}) (闭嘴 | 安静 下来) [吧]
t mu.y2 = <xpre> 把 {name:media_player} (调 到 | 设 成 | 切 到) 静音 (状态 | 模式)
t mu.y3 = <xpre> 把 声音 (掐 了 | 掐 掉 | 先 掐 掉) [吧]
t mu.y4 = <xpre> [把 {name:media_player}] 消音 [一下]
t mu.y5 = {name:media_player} (能 | 可以) 静音 (吗 | 不) [？]
t mu.y6 = (可以 | 能) 让 {name:media_player} 静音 吗 [？]
t mu.y7 = (宝宝 睡 着 了 | 我 在 开 视频 会议 | 来 电话 了 | 邻居 在 敲 墙) ， <xpre> (静音 吧 | 先 静 个 音 | 把 声音 掐 掉)
t mu.y8 = {name:media_player} 的 声音 (先 掐 掉 | 先 关 一 关 | 关 一下) [吧]
t mu.y9 = <xpre> 把 {name:media_player} 的 静音 (打开 | 开 上)
t mu.y10 = (快 | 赶紧) (静音 | 把 声音 掐 了) [！]
t mu.y11 = <xpre> [把 {name:media_player}] mute 一下
t mu.y12 = <xpre> 静 个 音 [吧 | 哈]

intent HassMediaPlayerUnmute
t um.y1 = {name:media_player} (怎么 静音 了 | 被 静音 了 | 哑 了) ， <xpre> (取消 掉 | 取消 静音 | 把 声音 打开)
t um.y2 = <xpre> (取消 mute | unmute 一下 | 把 mute 关 了)
t um.y3 = <xpre> [把 {name:media_player}] unmute 一下
t um.y4 = 静音 (可以 关 了 | 可以 取消 了 | 不 用 了 | 结束 吧)
t um.y5 = (我 电话 打 完 了 | 会 开 完 了 | 宝宝 醒 了 | 客人 走 了) ， <xpre> (取消 静音 | 把 声音 打开 吧 | 静音 关掉)
t um.y6 = <xpre> 让 {name:media_player} 重新 有 声音
t um.y7 = (能 | 可以) 把 {name:media_player} 的 声音 (打开 | 恢复) (吗 | 不) [？]
t um.y8 = (能 | 可以) 取消 静音 (吗 | 不) [？]
t um.y9 = (不 用 | 不 要 | 别) 再 静音 了 [吧]
t um.y10 = {name:media_player} (静音 关 一下 | 静音 关 了 吧 | 的 静音 撤 了)
t um.y11 = <xpre> 把 {name:media_player} 的 声音 (开 开 | 开 一下 | 重新 开 开)
t um.y12 = <xpre> 把 静音 (解 了 | 解 掉 | 撤 了 | 撤 掉)
t um.y13 = <xpre> 开 一下 声音 [吧]
t um.y14 = 我 (听 不 到 | 听 不 见) {name:media_player} 的 声音 了 ， <xpre> (取消 静音 | 把 静音 关 了)

intent HassMediaSearchAndPlay
t ms.y1 = [<xlead>] {search_query} (安排 上 | 安排 一下 | 走 一个) [吧]
t ms.y2 = <xpre> <mplace> 整 (点 | 几 首) {search_query} [听听 | 来 听]
t ms.y3 = <xpre> <mplace> (点 | 点播) 一 首 {search_query:track} {media_class=track}
t ms.y4 = [<xlead>] 把 {search_query} 给 我 (放 上 | 播 上 | 放 出来)
t ms.y5 = 你 (能 | 会) (放 | 播) {search_query} (吗 | 不) [？]
t ms.y6 = <xpre> <mplace> 放 一会儿 {search_query:artist} {media_class=artist} 的 (歌 | 音乐)
t ms.y7 = {search_query:artist} {media_class=artist} 的 歌 (随便 放 | 随机 放 | 挑 几 首 放) [吧]
t ms.y8 = <xpre> <mplace> 唱 一 首 {search_query:track} {media_class=track} [吧 | 给 我 听]
t ms.y9 = (我们 | 咱们) <mplace> 看 电影 {search_query:movie} {media_class=movie} 吧
t ms.y10 = <xpre> <mplace> 追 一下 (电视剧 | 剧) {search_query:tv_show} {media_class=tv_show}
t ms.y11 = <xpre> <mplace> (放 | 播) 一下 {search_query:podcast} {media_class=podcast} 这 档 (播客 | 节目)
t ms.y12 = <xpre> 把 歌单 {search_query:playlist} {media_class=playlist} (放 起来 | 放 上 | 打开)
t ms.y13 = <xpre> 把 专辑 {search_query:album} {media_class=album} 从 头 (放 | 播) 一 遍
t ms.y14 = <xpre> {area} (放 | 播) [点] {search_query}
t ms.y15 = <xpre> 让 {name:media_player} (放 | 播) [点 | 一下] {search_query}
t ms.y16 = (有点 无聊 | 睡 不 着 | 心情 不 好 | 想 放松 一下) ， <xpre> <mplace> (放 | 播) 点 {search_query}
t ms.y17 = <xpre> 随机 播放 {search_query:artist} {media_class=artist} 的 歌
t ms.y18 = [<xlead>] 找 (首 | 些 | 点) {search_query} 给 我 听

intent HassBroadcast
t bc.y1 = <xpre> (招呼 大家 一 声 | 跟 大家 吆喝 一 声 | 给 大家 招呼 一下) (， | ：) {message}
t bc.y2 = <xpre> (宣布 | 公布 | 公告) (一下 | 一 件 事) (： | ，) {message}
t bc.y3 = <xpre> 让 每个 房间 的 (音箱 | 喇叭) 都 (说 | 播) [一下] (： | ，) {message}
t bc.y4 = <xpre> 楼上 楼下 都 (通知 到 | 说 一 声) (， | ：) {message}
t bc.y5 = [<xlead>] (替 我 | 帮 我) (转告 | 告诉) (大家 | 家里 人 | 所有 人) [一下] (， | ：) {message}
t bc.y6 = <xpre> 把 “ {message} ” 这 句 话 (播 给 大家 听 | 在 全屋 播 一下)
t bc.y7 = <xpre> 提醒 一下 (大家 | 所有 人 | 家里 每个 人) (， | ：) {message}
t bc.y8 = (能 | 可以) 帮 我 (通知 | 告诉) 大家 一下 吗 ？ {message}
t bc.y9 = [<xlead>] 让 家里 的 (音箱 | 喇叭) (一起 | 全部) (说 | 播) (： | ，) {message}
t bc.y10 = <xpre> (跟 | 对) (大家 | 所有 人 | 家里 人) 讲 (一下 | 一 声) (， | ：) {message}
t bc.y11 = <xpre> (传 个 话 给 大家 | 给 大家 带 个 话) (： | ，) {message}
t bc.y12 = {message} ， (帮 我 | 替 我 | 麻烦 你) (转告 | 转达 给) (大家 | 所有 人)
t bc.y13 = <xpre> 用 (喇叭 | 全部 音箱) (通知 | 说) [一下] (， | ：) {message}
t bc.y14 = [<xlead>] (所有 房间 | 每 间 屋) 同时 (播 | 说) (： | ，) {message}


# ---------- g3 (zh-CN): 计时器、时间日期、天气、算了、寒暄 的新说法 ----------
# 计时器的新说法（不加 "所有/都"，免得和取消全部混淆）: "煮饭计时器", "刚才那个计时器", "客厅那个计时器"
rule g3z_tt = <timer_tgt> | {name:timer} <timer> | 刚才 (那个 | 设 的 | 定 的) <timer> | {area} 那个 <timer> | 那个 {name:timer} 的 <timer> | 定 了 <sdur> 的 那个 <timer>

intent HassStartTimer
t tm.y1 = <xpre> (来 | 整 | 弄) (个 | 一个) <dur> 的 <timer> <xpost>
t tm.y2 = <xpre> (帮 我 | 给 我) 掐 (个 | 一下) <dur> [的 时间]
t tm.y3 = <xpre> <dur> (以后 | 之后 | 后) (响 一下 | 喊 我 一声 | 通知 我 | 给 我 提 个 醒)
t tm.y4 = {name:timer} (要 | 得 | 需要) <dur> ， (帮 我 | 给 我) (计 个 时 | 定 个 时 | 盯 着 点)
t tm.y5 = 我 (在 | 要 去 | 准备) {name:timer} ， <dur> (后 | 以后 | 之后) (叫 我 | 提醒 我 | 喊 我)
t tm.y6 = <xpre> (倒数 | 倒 计时) <dur> [<xpost>]
t tm.y7 = [<xlead>] <dur> (一 到 | 到 了) (就 | 就 帮 我 | 你 就) {conversation_command}
t tm.y8 = (能 不 能 | 可 不 可以) (帮 我 | 给 我) (计 个 时 | 定 个 时) ， <dur> (呀 | 吗 | 呢) [？]
t tm.y9 = <xpre> 给 我 (计 个 时 | 定 个 时) ， {name:timer} <dur>
t tm.y10 = <dur> 的 {name:timer} <timer> [吧] | {name:timer} <timer> <dur>
t tm.y11 = <xpre> (设 | 定 | 开) (个 | 一个) <dur> 的 <timer> ， (时间 到 了 | 到 点 了 | 响 了 以后) {conversation_command}

intent HassCancelTimer
t tc.y1 = <xpre> (撤销 | 撤掉 | 撤 了 | 取消 掉) <g3z_tt> <xpost>
t tc.y2 = <g3z_tt> (不 要 了 | 不 用 了 | 用 不 着 了 | 不 需要 了) [，] [(取消 | 关 掉 | 删 了) 吧]
t tc.y3 = <xpre> 把 <g3z_tt> (撤 了 | 撤销 掉 | 清 掉 | 删除 了 | 干掉 | 去 掉 吧)
t tc.y4 = {name:timer} (好 了 | 做 好 了 | 搞定 了 | 不 做 了 | 已经 弄 完 了) [，] (不 用 计时 了 | 不 用 再 计 了 | 不 用 提醒 我 了)
t tc.y5 = <g3z_tt> (别 响 了 | 不 用 响 了 | 没 用 了) ， (取消 | 关 了 | 删 了) (吧 | 它)
t tc.y6 = (能 不 能 | 可 不 可以 | 麻烦) (帮 我 | 给 我) (撤销 | 清 掉 | 删 了 | 取消 一下) <g3z_tt> (吗 | 呀 | 呢) [？]
t tc.y7 = <g3z_tt> (设 错 了 | 定 错 了 | 我 用 不 上 了) ， (取消 掉 | 删 了 | 撤 了 | 不 要 了) [吧]
t tc.y8 = <xpre> 把 <g3z_tt> [给] (关 了 | 撤 了 | 删 掉 | 取消 了) [吧 | 啊]
t tc.y9 = 我 不 要 <g3z_tt> 了 [，] [(删 了 | 取消 掉) 吧]
t tc.y10 = <xpre> (取消 | 删除 | 关闭 | 撤销) 一下 <g3z_tt> [<xpost>]
t tc.y11 = <xpre> (取消 | 关 掉 | 删 掉) [那个] <timer> ， (就是 | 是) {name:timer} (的 | 那个)
t tc.y12 = (不 用 | 不 需要) (计时 | 倒计时) 了 [，] <xpre> (撤 了 | 关 了 | 删 了) <g3z_tt>

intent HassCancelAllTimers
t ta.y1 = <xpre> (把 | 将) [{area} 的] <timer> (统统 | 全都 | 一律 | 通通) (取消 | 删 掉 | 关 掉 | 清 掉) <xpost>
t ta.y2 = <xpre> (清空 | 清理 掉 | 撤销 | 撤 掉) (所有 | 全部 | 一切) [的] <timer>
t ta.y3 = [{area} (的 | 里 的)] (所有 | 全部 | 每 一 个) <timer> (都 不 要 了 | 都 取消 吧 | 一起 关 了 | 一起 删 了)
t ta.y4 = (能 不 能 | 可 不 可以) 把 [{area} 的] (所有 | 全部) <timer> (都 清 掉 | 一次性 取消 | 全 关 了) (吗 | 呀 | 呢) [？]
t ta.y5 = <xpre> (取消 | 关 掉 | 停 掉 | 删 掉) {area} (里 | 那边) (所有 | 全部) 的 <timer>
t ta.y6 = (这些 | 所有 | 全部) <timer> [我] 都 不 要 了 [，] [全 取消 吧 | 都 删 了 吧]
t ta.y7 = 我 (要 | 想) (取消 | 删 掉 | 清空) (家 里 所有 | 所有 | 全部) [的] <timer>
t ta.y8 = <timer> (一个 不 留 | 一 个 都 不 留) ， 全 (删 | 撤 | 关) 了
t ta.y9 = (所有 | 全部) 的 <timer> ， (都 给 我 | 统统) (关 了 | 取消 | 删 了)
t ta.y10 = {area} 的 <timer> (全 | 都 | 全都) (取消 | 删 了 | 关 了) [吧]
t ta.y11 = <xpre> (正在 走 的 | 开着 的 | 现在 的) <timer> (全部 | 统统 | 都) (取消 | 停 掉 | 关 掉) [<xpost>]

intent HassIncreaseTimer
t ti+.y1 = <xpre> 把 <g3z_tt> (往后 推 | 往 后 延 | 推迟 | 顺延 | 往 后 拖 | 往 后 挪) <dur> <xpost>
t ti+.y2 = [<xlead>] <g3z_tt> (再 来 | 再 多 来 | 多 留) <dur> [吧 | 啊]
t ti+.y3 = [<xlead>] <g3z_tt> (加 点 时间 | 加 点儿 时间) ， (加 | 多 加) <dur> [吧]
t ti+.y4 = <g3z_tt> (太 短 了 | 不 够 长 | 短 了) [，] (再 | 多) (加 | 给) <dur>
t ti+.y5 = (能 不 能 | 可 不 可以 | 可以) 把 <g3z_tt> (拉长 | 延后 | 推迟 | 往 后 推) <dur> (吗 | 呀 | 呢) [？]
t ti+.y6 = <xpre> 在 <g3z_tt> (上 | 的 基础 上) (再 加 | 多 加 | 加 上) <dur>
t ti+.y7 = <xpre> 把 <dur> (加 到 | 添 到 | 补 到) <g3z_tt> (上 | 里)
t ti+.y8 = (还 没 好 | 还 没 熟 | 还 差 一点) ， <xpre> (给 | 把) <g3z_tt> (再 加 | 多 加 | 延长) <dur>
t ti+.y9 = [<xlead>] (帮 我 | 给 我 | 麻烦 你) [把 时间] (再 加 | 多 加 | 延长) <dur> [<xpost>]
t ti+.y10 = [<xlead>] <g3z_tt> (多 设 | 多 定 | 多 算 | 延 个) <dur> [吧]
t ti+.y11 = <g3z_tt> (少 设 了 | 少 定 了 | 设 短 了) <dur> ， (补 上 | 加 回来 | 给 加 上) [吧]
t ti+.y12 = (还 需要 | 还 得 | 我 还 要) <dur> ， (给 | 帮 我 给) <g3z_tt> (加 上 | 延长 一下) [吧]

intent HassDecreaseTimer
t td.y1 = <xpre> 把 <g3z_tt> (往 前 提 | 提前 | 往 前 挪 | 往 前 调) <dur> <xpost>
t td.y2 = [<xlead>] <g3z_tt> (扣 | 扣掉 | 扣 去 | 抹 掉 | 拿 走) <dur> [吧]
t td.y3 = <g3z_tt> (太 长 了 | 定 长 了 | 设 得 太 久 了) [，] (减 | 少 | 缩短 | 去掉) <dur> [吧]
t td.y4 = (能 不 能 | 可 不 可以 | 可以) (让 <g3z_tt> 提前 <dur> 响 | 把 <g3z_tt> (压缩 | 缩 短 | 减 短 | 提前) <dur>) (吗 | 呀 | 呢) [？]
t td.y5 = <xpre> 让 <g3z_tt> (早 | 提前) <dur> (响 | 结束 | 到 点) [<xpost>]
t td.y6 = <xpre> 在 <g3z_tt> (上 | 里) (扣 掉 | 减 掉 | 拿 掉 | 去 掉) <dur>
t td.y7 = <xpre> 把 <dur> 从 <g3z_tt> (里 | 上) (减 掉 | 扣 掉 | 去 掉 | 拿 掉)
t td.y8 = [<xlead>] (帮 我 | 给 我 | 麻烦 你) [把 时间] (减 | 缩短 | 少 算 | 扣 掉) <dur> [<xpost>]
t td.y9 = <g3z_tt> (多 设 了 | 多 定 了 | 设 多 了) <dur> ， (减 回来 | 去 掉 吧 | 扣 掉 | 给 减 掉) [吧]
t td.y10 = (不 用 那么 久 | 用 不 了 那么 久 | 不 需要 那么 长) ， <g3z_tt> (减 | 缩短 | 少 | 减少) <dur> [吧]
t td.y11 = [<xlead>] <g3z_tt> 的 (时间 | 时长) (往 下 调 | 调 少 | 压 短 | 砍 掉) <dur> [吧]
t td.y12 = 我 (想 | 打算 | 希望) 让 <g3z_tt> 少 (走 | 跑 | 计) <dur>
t td.y13 = <dur> ， (从 <g3z_tt> 里 减 掉 | 给 <g3z_tt> 扣 掉 | 在 <g3z_tt> 上 扣 掉)

intent HassPauseTimer
t tp.y1 = <xpre> (先 停 一下 | 先 暂停 | 暂且 停 一下 | 按 下 暂停) <g3z_tt> [<xpost>]
t tp.y2 = <g3z_tt> (先 别 走 | 先 停 停 | 先 停 着 | 停 一 停 | 先 暂停 着) [吧]
t tp.y3 = <xpre> 把 <g3z_tt> (先 停 一 停 | 按 住 | 暂时 停 下来 | 先 停 下来) [吧]
t tp.y4 = (我 出去 一下 | 我 接 个 电话 | 我 去 开 个 门 | 等 我 一下) ， <xpre> (暂停 | 先 停 住) <g3z_tt>
t tp.y5 = (能 不 能 | 可 不 可以) (先 | 暂时) (暂停 | 停 一下) <g3z_tt> (吗 | 呀 | 呢) [？]
t tp.y6 = <g3z_tt> (按 个 | 点 一下) 暂停 [吧]
t tp.y7 = <xpre> 暂停 一下 <g3z_tt> ， (我 马上 回来 | 我 一会儿 回来)
t tp.y8 = <xpre> 让 <g3z_tt> (停 一 停 | 歇 一下 | 等 一下 | 先 停 着)
t tp.y9 = (暂停 | 先 停 一下) ， <g3z_tt>
t tp.y10 = <xpre> (暂停 计时 | 计时 先 暂停 | 倒计时 先 停 一下) [吧]

intent HassUnpauseTimer
t tu.y1 = <xpre> 让 <g3z_tt> (接着 走 | 接着 计时 | 接着 跑 | 重新 走 起来 | 动 起来) [<xpost>]
t tu.y2 = [<xlead>] <g3z_tt> (接着 来 | 接着 走 | 接着 计) [吧 | 啊]
t tu.y3 = <xpre> 把 <g3z_tt> (接着 开 起来 | 恢复 过来 | 再 走 起来)
t tu.y4 = (我 回来 了 | 电话 打 完 了 | 好 了 可以 了) ， <g3z_tt> (接着 走 | 继续 吧 | 可以 走 了)
t tu.y5 = (能 不 能 | 可 不 可以) 让 <g3z_tt> (接着 走 | 恢复 计时 | 动 起来) (吗 | 呀 | 呢) [？]
t tu.y6 = <xpre> (解除 暂停 | 别 暂停 了) ， <g3z_tt> (接着 走 | 继续)
t tu.y7 = <g3z_tt> (别 停 着 了 | 不 用 停 了 | 不 要 暂停 了) ， (继续 | 接着 走) [吧]
t tu.y8 = <xpre> (接着 | 继续) (计时 | 倒计时) [吧]
t tu.y9 = (继续 | 恢复) 一下 ， <g3z_tt>
t tu.y10 = <xpre> (继续 | 恢复 | 接着 开) (刚才 暂停 的 | 停 着 的 | 暂停 了 的) [那个] <timer>

intent HassTimerStatus
t ts.y1 = <g3z_tt> (还 得 多久 | 还 得 等 多久 | 多久 到 | 几 点 响 | 快 到 了 吗 | 好 了 没 | 到 点 了 没 有) [？]
t ts.y2 = (离 | 距离) <g3z_tt> (响 | 结束 | 到 时间) 还 有 多久 [？]
t ts.y3 = <xpre> (报 一下 | 播报 一下 | 念 一下) <g3z_tt> (剩 的 时间 | 还 剩 多少 | 的 进度)
t ts.y4 = (我 | 现在) (有 哪些 | 有 几 个 | 都 有 什么) <timer> (在 走 | 在 跑 | 开着) [？]
t ts.y5 = <g3z_tt> (进行 到 哪 了 | 什么 情况 | 还 在 走 吗 | 还 在 计时 吗) [？]
t ts.y6 = {name:timer} (还 要 多久 | 好 了 没 | 什么 时候 好 | 还 差 多少 时间 | 还 要 几 分钟) [啊] [？]
t ts.y7 = (瞅瞅 | 瞄 一眼 | 帮 我 盯 一下) <g3z_tt> (还 剩 多少 | 还 有 多久 | 走 到 哪 了)
t ts.y8 = (还 剩 | 还 有) (多少 时间 | 多久) ， <g3z_tt> [？]
t ts.y9 = (能 不 能 | 可 不 可以) (报 一下 | 说 说) <g3z_tt> (还 剩 几 分钟 | 的 剩余 时间) (吗 | 呀) [？]
t ts.y10 = <timer> (都 | 现在) (什么 状态 | 怎么样 了) [？]

intent HassGetCurrentTime
t ti.y1 = (几点 了 | 几 点 啦 | 几点 钟 啦) [呀 | 啊] [？]
t ti.y2 = (这会儿 | 眼下 | 现在) (啥 时候 了 | 啥 时间 了 | 几 点 了 都) [？]
t ti.y3 = <xpre> (报 个 时 | 报 一下 时间 | 报时) [<xpost>]
t ti.y4 = 现在 是 (几 点 几 分 了 | 上午 还是 下午) [？]
t ti.y5 = (我 手机 不 在 身边 | 我 没 戴 表 | 我 看 不 到 钟) ， (现在 | 这会儿) 几点 [了] [？]
t ti.y6 = (几 点 | 什么 时间 | 几点 钟) 了 现在 [？]
t ti.y7 = <xpre> 看 一眼 (时间 | 钟) [，] (几 点 了 | 现在 几 点)
t ti.y8 = (大概 | 差不多) 几点 了 [？]
t ti.y9 = (是 不 是 很 晚 了 | 是 不 是 不 早 了) ， 现在 几点 [了] [？]
t ti.y10 = (你 知道 | 请问) (这会儿 | 现在) 是 几 点 钟 (吗 | 呀) [？]

intent HassGetCurrentDate
t da.y1 = (今儿 | 今儿个) (几号 | 是 几号 | 星期几 | 礼拜几) [啊] [？]
t da.y2 = (今天 | 今日) (的 日期 是 | 日期) (多少 | 什么) [？]
t da.y3 = (现在 | 今天) 是 几月 [份] [了] [？]
t da.y4 = 今天 (几月 几号 星期几 | 是 几月 几号 星期 几) [？]
t da.y5 = <xpre> 报 一下 (今天 的 日期 | 日期 | 今天 几号)
t da.y6 = (我 忘 了 | 我 都 过 糊涂 了 | 我 日子 都 过 忘 了) ， 今天 (几号 | 星期几) [来着] [？]
t da.y7 = 几号 了 今天 [？] | 今天 是 哪 一 天 [？]
t da.y8 = 今天 是 (几 号 | 星期 几 | 哪天) ， (告诉 我 | 说 一下) [吧]
t da.y9 = (今天 | 今儿) (是 不 是 周末 | 是 工作日 吗 | 是 周末 吗) [？]

intent HassGetWeather
t we.y1 = <xpre> (报 一下 | 说 一下 | 讲 讲) [{name:weather} | 今天 | 外面] (的 天气 | 天气 情况) <xpost>
t we.y2 = (今天 | 出门) (要 不 要 | 需 不 需要 | 得 不 得) (带 伞 | 带 雨伞 | 穿 外套 | 穿 厚 点) [？]
t we.y3 = (外面 | 今天 | 室外 | 外边) (多少 度 | 几 度 | 气温 多少 | 气温 有 多 高) [啊] [？]
t we.y4 = {name:weather} (今天 | 现在 | 这会儿) (下雨 了 吗 | 是 晴天 吗 | 下 没 下雨 | 有 雨 吗 | 刮 风 吗) [？]
t we.y5 = (今天 | 明天 | 这 两 天) (是 晴天 吗 | 天 晴 吗 | 有 太阳 吗 | 风 大 吗 | 会 降温 吗 | 有 雾霾 吗) [？]
t we.y6 = <xpre> (搜 一下 | 瞅 一眼 | 播 一下 | 念 一下) [{name:weather} 的] 天气 预报
t we.y7 = (我 要 出门 了 | 我 准备 出去 | 待会儿 要 出去) ， (外面 | 今天) 天气 (怎么样 | 如何 | 咋样) [？]
t we.y8 = (外面 | 现在) (在 下雨 吗 | 下 着 雨 吗 | 是 不 是 在 下雨 | 雨 停 了 吗 | 还 在 下雪 吗) [？]
t we.y9 = 天气 (咋样 | 好 吗 | 好 不 好 | 怎么样) ， {name:weather} [那边] [？]
t we.y10 = {name:weather} 那边 (天气 | 天儿) (怎么样 | 好 不 好 | 咋样) [啊] [？]
t we.y11 = (今天 | 外面) (天儿 | 天气) (热 不 热 | 冷 不 冷 | 好 不 好 | 咋样) [啊] [？]
t we.y12 = (今天 | 明天) (穿 什么 合适 | 要 穿 多少) [？]
t we.y13 = (能 不 能 | 可 不 可以) (说 说 | 查 查) {name:weather} (的 天气 | 天气 怎么样) (吗 | 呀) [？]

intent HassNevermind
t nm.y1 = (不 用 了 | 算 了) [，] (我 自己 来 | 我 自己 弄 | 我 自己 来 吧)
t nm.y2 = (没 叫 你 | 不 是 跟 你 说 | 我 没 跟 你 说话 | 不 是 叫 你) [！]
t nm.y3 = (我 说 错 了 | 说 错 了 | 口误) ， (算 了 | 不 用 了 | 当 我 没 说)
t nm.y4 = (不 要 了 | 用 不 着 了 | 不 必 了) [！]
t nm.y5 = (没 什么 事 | 没 事 儿 | 没 啥) [，] (你 忙 你 的 | 没 你 的 事 了 | 退 下 吧)
t nm.y6 = (撤回 | 取消 | 撤销) (刚才 那 句 | 刚才 的 话 | 这个 请求 | 刚才 的 命令)
t nm.y7 = (打住 | 停 停 停 | 好 了 好 了 | 行 了 行 了) [，] [不 用 了]
t nm.y8 = (我 再 想想 | 让 我 想想 | 我 改 主意 了 | 我 想 想 再 说) [，] [先 不 用 了]
t nm.y9 = [嗯 | 呃 | 哦] [，] (不 麻烦 了 | 不 用 麻烦 了 | 不 用 忙 了)
t nm.y10 = (没 事 | 没 什么) ， (我 随便 说 的 | 我 自言自语 | 我 在 跟 别人 说话)
t nm.y11 = (不 对 | 错 了) ， (算 了 | 不 要 了) [吧]
t nm.y12 = (当 我 没 问 | 就 当 我 没 说 过 | 刚才 的 不 算) [！]

intent HassRespond
t re.y1 = (辛苦 了 | 辛苦 你 了 | 麻烦 你 了 | 有劳 了) [！]
t re.y2 = (行 | 可以 | 没问题 | 好 嘞) [，] (知道 了 | 明白) [！]
t re.y3 = (干 得 好 | 真 棒 | 厉害 | 做 得 不 错 | 好 样 的) [！]
t re.y4 = (嘿 | 喂 | 哈喽) [，] (小 助手 | 在 吗 | 你 在 吗) [？]
t re.y5 = (早 啊 | 早上 好 啊 | 中午 好 呀 | 晚上 好 啊 | 大家 好) [！]
t re.y6 = (太 感谢 了 | 万分 感谢 | 谢谢 你 帮 忙 | 谢谢 ， 你 真 靠谱) [！]
t re.y7 = (晚安 ， 明天 见 | 拜拜 | 再见 | 回头 见) [！]
t re.y8 = (好 的 ， 谢谢 你 的 帮 忙 | 收到 ， 谢 啦 | 行 ， 辛苦 啦) [！]


# ---------- g4 (zh-CN): lists, vacuum, lawn mower, chit-chat ----------
rule g4z_vac = <vac> | 扫拖 机器人 | 扫地 机器人 | 吸尘 机器人
rule g4z_mower = 割草机 | 割草 机器人 | 除草机 | 剪草机
rule g4z_dock = 充电座 | 基站 | 充电 桩 | 座子 | 窝
rule g4z_end = [吧 | 哈 | 啊 | 呀 | 哦]

intent HassShoppingListAddItem
t sl.y1 = <xpre> (记 一下 | 记 下来 | 帮 我 记 着) ， (要 | 得 | 还 要) 买 {item}
t sl.y2 = <xpre> <xshop> (里 | 上) (记 一 笔 | 写 上 | 记 上 一 笔) {item}
t sl.y3 = {item} (用 完 了 | 吃 完 了 | 喝 光 了 | 不 够 了 | 用 光 了) ， (记 到 | 写 到 | 添 到) <xshop> (上 | 里) <g4z_end>
t sl.y4 = (你 能 | 能 不 能 | 可 不 可以) (帮 我 | 给 我) 在 <xshop> 上 (记 上 | 写 上 | 加 上) {item} [吗] [？]
t sl.y5 = 下 (次 | 回) (买 菜 | 逛 超市 | 去 超市) (记得 | 别 忘 了) 买 {item} ， (写 | 记) 在 <xshop> 上
t sl.y6 = 我 (想 | 打算) (买 | 囤 | 备) (点 | 些) {item} ， <xpre> (记 | 加) 到 <xshop> 上
t sl.y7 = <xpre> (把 | 将) {item} (列入 | 纳入 | 记入 | 登记 到) <xshop> [中 | 里]
t sl.y8 = (冰箱 里 | 柜子 里 | 家里) (没有 | 没) {item} 了 ， <xpre> (记 到 | 加 到) <xshop> (上 | 里)
t sl.y9 = <xshop> [，] (再 | 也) (加 上 | 添 上 | 记 上) {item} <g4z_end>
t sl.y10 = {item} 也 (记 | 写) 上 [吧] ， (放 | 加) 在 <xshop> 里
t sl.y11 = <xpre> (添加 | 加) {item} (进 | 到) <xshop> 里 (去 | 面)

intent HassShoppingListCompleteItem
t sc.y1 = {item} (搞定 了 | 到手 了 | 买 着 了 | 已经 入手 了) ， <xshop> (上 | 里) (勾掉 | 划掉 | 销掉) <g4z_end>
t sc.y2 = <xpre> 把 {item} (标 成 | 标记 成 | 改 成) 已 (买 | 购买) [<xpost>]
t sc.y3 = <xpre> <xshop> 上 的 {item} (销掉 | 勾 了 吧 | 划 了 吧)
t sc.y4 = (能 不 能 | 可 不 可以 | 你 能) 在 <xshop> 上 把 {item} (打 个 勾 | 标 为 已 买 | 勾 一下) [吗] [？]
t sc.y5 = 我 (已经 | 刚刚 | 刚) 在 超市 买 了 {item} ， <xshop> 上 (可以 | 就) (划掉 | 勾掉) (了 | 吧)
t sc.y6 = <xpre> (勾选 | 勾 上 | 勾销) <xshop> (里 | 上) 的 {item}
t sc.y7 = {item} (买 齐 了 | 买 到 了 | 已经 买 回 家 了) ， (标 一下 | 标记 一下 | 勾 一下) [吧]
t sc.y8 = <xpre> (划掉 | 勾掉 | 划去 | 勾销) {item} [<xpost>]
t sc.y9 = <xshop> 上 的 {item} 我 (买 过 了 | 拿 了 | 已经 买 了) ， (勾掉 | 划掉) (它 | 吧)
t sc.y10 = <xpre> 把 <xshop> 里 {item} (这 一 项 | 那 一 项 | 这 条) (标记 为 已 完成 | 勾 上) [吧]

intent HassListAddItem
t la.y1 = <xpre> (在 | 往) <list> (里 | 上) (记 一 笔 | 写 上 | 记 下 | 录入) {item}
t la.y2 = <xpre> (把 | 将) {item} (列入 | 纳入 | 记入 | 收 进) <list> [里 | 中]
t la.y3 = {item:task} (还 没 做 | 还 没 弄 | 还 没 办) ， (先 | 帮 我) (记 到 | 写 到 | 挂 到) <list> (上 | 里) <g4z_end>
t la.y4 = <list> (里 | 上) (能 不 能 | 可 不 可以) (加 上 | 添 上) {item} [？]
t la.y5 = (你 能 | 能 不 能 | 可 不 可以) (帮 我 | 给 我) 在 <list> (上 | 里) (记 一下 | 记 上 | 写 上) {item:task} [吗] [？]
t la.y6 = [<xlead>] {item:task} ， (记 | 写 | 存) (进 | 到) <list> [里] <g4z_end>
t la.y7 = (这 两 天 | 回头 | 周末 | 下 周) (得 | 要 | 还 得) {item:task} ， 在 <list> (上 | 里) (记 一下 | 写 一 笔)
t la.y8 = <list> [，] (再 | 也) (加 上 | 添 上 | 记 上) {item} <g4z_end>
t la.y9 = <xpre> (加 | 添 | 放) {item} (进 | 到) <list> 里 (去 | 面)
t la.y10 = <list> 那边 (加 | 记 | 添) 一下 {item}
t la.y11 = <xpre> (更新 一下 | 改 一下) <list> ， (加 上 | 添 上) {item}
t la.y12 = (跟 | 给) <list> (加 | 添) (个 | 上) {item} <g4z_end>
t la.y13 = <xpre> 新建 (一 个 | 一 条) (待办 | 任务 | 事项) [：] {item:task} [，] (放 | 放在 | 记 在) <list> (里 | 上)
t la.y14 = {item} (得 | 要) (记 上 | 写 上) ， [就] (记 | 写) 在 <list> 上 [吧]
t la.y15 = <xpre> <list> (新增 | 追加 | 补充) [一下] [：] {item}

intent HassListCompleteItem
t lc.y1 = {item:task} (搞定 了 | 弄 完 了 | 处理 好 了 | 已经 解决 了) ， <list> (上 | 里) (销掉 | 勾掉 | 划掉) <g4z_end>
t lc.y2 = <xpre> 把 <list> (里 | 上) 的 {item} (标 成 | 标记 成 | 改 成) (已 完成 | 完成 | 做 完) [状态]
t lc.y3 = <xpre> (勾选 | 勾 上 | 核销) <list> (里 | 上) 的 {item}
t lc.y4 = 我 (已经 | 刚) 把 {item:task} (做 完 了 | 搞定 了 | 弄 好 了) ， (更新 一下 | 勾 一下 | 标 一下) <list>
t lc.y5 = (能 不 能 | 可 不 可以 | 你 能) 帮 我 在 <list> (上 | 里) 把 {item} (打 个 勾 | 勾 一下 | 标 成 完成) [吗] [？]
t lc.y6 = <list> ： {item} (完成 | 已 完成 | 搞定) [了]
t lc.y7 = <xpre> (勾 一下 | 打 个 勾 | 划 一下) ， <list> (里 | 上) 的 {item}
t lc.y8 = {item:task} 那 件 事 (办 完 了 | 做 好 了 | 办 妥 了) ， <list> 里 (标 一下 完成 | 勾 一下)
t lc.y9 = <xpre> 在 <list> 上 (销掉 | 勾销 | 核销) {item}
t lc.y10 = <list> (里 | 上) 的 {item:task} ， 我 (做 了 | 弄 好 了 | 已经 办 了) ， (标 成 完成 | 打 勾) 吧

intent HassListRemoveItem
t lr.y1 = <xpre> 把 {item} 从 <list> (里 | 上) (清 掉 | 抹掉 | 撤 掉 | 拿 出来 | 删 出去)
t lr.y2 = <list> (里 | 上) (不 要 | 不 需要) {item} 了 ， (删掉 | 去掉) <g4z_end>
t lr.y3 = {item} (不 用 了 | 不 需要 了 | 用 不 着 了) ， <xpre> (把 它 | 就) 从 <list> (里 | 上) (拿掉 | 删 了 | 撤 掉)
t lr.y4 = <xpre> (删除 | 移除 | 撤销 | 取消) <list> (里 | 上) (的 | 那 条) {item}
t lr.y5 = (能 不 能 | 可 不 可以 | 你 能) (帮 我 | 给 我) 把 {item} 从 <list> 里 (清 掉 | 删 了 | 去掉) [吗] [？]
t lr.y6 = <list> 里 那 (个 | 条 | 项) {item} (删 了 吧 | 去掉 吧 | 不 要 了 ， 删掉)
t lr.y7 = 把 {item} 从 <list> 里 (踢 出去 | 清 出去 | 拿 出去)
t lr.y8 = {item:task} (不 用 做 了 | 没 必要 了 | 不 做 了) ， <list> 上 (那 条 | 这 项) (删掉 | 去掉) 吧
t lr.y9 = <xpre> (帮 我 | 给 我) (清除 | 删除) <list> 中 的 {item}
t lr.y10 = <list> ： (删除 | 去掉 | 移除) {item}
t lr.y11 = (搞 错 了 | 记 错 了) ， <list> (上 | 里) 不 该 有 {item} ， (删 了 吧 | 去掉 吧)

intent HassVacuumStart
t vs.y1 = <xpre> (开动 | 开 一下 | 运行 一下 | 发动) {name:vacuum} [<xpost>]
t vs.y2 = {name:vacuum} [，] (该 干活 了 | 该 上班 了 | 走 起 | 开工 吧 | 开工 啦)
t vs.y3 = <xpre> (派 | 安排) {name:vacuum} (扫 一 圈 | 打扫 一 圈 | 去 扫地 | 出去 吸 一 圈)
t vs.y4 = 要不 (你 | 就) 让 {name:vacuum} (扫 一 圈 | 打扫 打扫 | 开工) 吧
t vs.y5 = 地 (好 脏 | 太 脏 了 | 脏 死 了 | 该 扫 了) ， <xpre> (让 {name:vacuum} 扫 一 扫 | 把 {name:vacuum} 开 起来)
t vs.y6 = <xpre> 把 {name:vacuum} (开动 起来 | 运行 起来 | 跑 起来 | 派 出去) <g4z_end>
t vs.y7 = [<xlead>] {name:vacuum} (开机 | 跑 一 圈 | 转 一 圈 | 扫 一 圈 | 吸 一 圈) <g4z_end>
t vs.y8 = <xpre> (开动 | 开 一下 | 运行) (<in_area> | <on_floor>) <g4z_vac>
t vs.y9 = (<in_area> | <on_floor>) 那 (台 | 个) <g4z_vac> (开工 | 开始 干活 | 开始 吸尘 | 动 起来) <g4z_end>
t vs.y10 = (能 不 能 | 可 不 可以 | 你 能) 把 ({area} | {floor}) 的 <g4z_vac> (开 起来 | 启动 一下 | 打开) [吗] [？]
t vs.y11 = 趁 (现在 | 家里) 没 人 ， <xpre> (让 {name:vacuum} 打扫 一下 | 把 {name:vacuum} 开 起来) [吧]
t vs.y12 = <xpre> (开始 | 启动) (扫地 | 吸尘 | 清扫) ， 用 {name:vacuum}
t vs.y13 = <xpre> 让 (<in_area> | <on_floor>) <g4z_vac> (动 起来 | 干 起 活 来 | 开始 吸尘 | 开工)
t vs.y14 = <xpre> (让 | 叫) {name:vacuum} (全屋 | 满屋子 | 整 个 家) (扫 一遍 | 打扫 一遍 | 吸 一遍)
t vs.y15 = ({area} | {floor}) 的 <g4z_vac> ， (开 起来 | 开机 | 启动) <g4z_end>

intent HassVacuumReturnToBase
t vb.y1 = [<xlead>] {name:vacuum} (收工 回家 | 回窝 | 回 窝 去 | 下班 回 座子 | 归位) <g4z_end>
t vb.y2 = <xpre> 把 {name:vacuum} (撤 回来 | 叫 回 家 | 喊 回来 | 召 回 基站)
t vb.y3 = <xpre> (让 | 叫 | 命令) {name:vacuum} (回 基站 | 回到 基站 | 回 充电 基站 | 归位 | 回 原位)
t vb.y4 = (你 能 | 能 不 能 | 可 不 可以) (叫 | 让) {name:vacuum} 回 <g4z_dock> [去] [吗] [？]
t vb.y5 = {name:vacuum} (太 吵 了 | 吵 死 了 | 挡 路 了 | 碍事 了) ， (让 它 | 叫 它 | 把 它 送) 回 <g4z_dock> <g4z_end>
t vb.y6 = <xpre> (让 | 叫) <in_area> <g4z_vac> (归位 | 回 基站 | 回 窝 | 收工 回家)
t vb.y7 = <in_area> 那 (台 | 个) <g4z_vac> (可以 | 该) (回去 | 回 <g4z_dock> | 回家) 了
t vb.y8 = <xpre> 把 {name:vacuum} (弄 回 | 开 回到 | 送 回到) <g4z_dock> (去 | 上 去 | 上)
t vb.y9 = {name:vacuum} (不 用 扫 了 | 今天 就 扫 到 这 | 先 扫 到 这儿) ， (回去 吧 | 回 基站 吧 | 收工 回家 | 回 充电座 吧)
t vb.y10 = <xpre> 让 {name:vacuum} (结束 清扫 | 停止 吸尘 | 别 扫 了) (并 | ， 然后) (返回 | 回到) (充电座 | 基站)
t vb.y11 = {name:vacuum} (该 | 得) (充电 了 | 回 去 充电 了 | 回家 了 | 回 窝 了) <g4z_end>
t vb.y12 = 回 (<g4z_dock> | 家) 吧 ， {name:vacuum}
t vb.y13 = <xpre> 把 <in_area> <g4z_vac> (叫 回 <g4z_dock> | 送 回 <g4z_dock> | 收 回去)

intent HassVacuumCleanArea
t vc.y1 = <xpre> 把 {area} (好好 | 仔细 | 彻底) (扫 一遍 | 吸 一遍 | 打扫 一下 | 清扫 一遍)
t vc.y2 = <xpre> (清理 一下 | 吸 吸 | 清洁 清洁) {area} 的 (地面 | 地毯 | 地板)
t vc.y3 = {area} (太 脏 了 | 好 脏 | 脏 得 不行) ， (派 | 让) {name:vacuum} (过去 | 去) (扫 扫 | 吸 吸 | 打扫 一下)
t vc.y4 = <xpre> 派 {name:vacuum} (去 | 到) {area} (打扫 | 扫地 | 吸尘)
t vc.y5 = (这 屋 | 这 块 | 这边 | 我 这儿 | 我 这 屋) (扫 一下 | 吸 一下 | 打扫 打扫) <g4z_end>
t vc.y6 = <xpre> (过来 | 到 这边 来 | 来 我 这儿) (扫 一下 | 吸 一下) <g4z_end>
t vc.y7 = (可 不 可以 | 能 不 能 | 你 能) 让 {name:vacuum} (去 | 到) {area} (吸 一下 | 扫 扫 | 打扫 一下) [？]
t vc.y8 = {area} 的 地 (该 扫 了 | 好久 没 扫 了 | 太 脏 了) [， <xpre> (扫 一下 | 打扫 一下)]
t vc.y9 = 我 在 {area} (弄 洒 了 | 撒 了) (饼干 | 米 | 猫砂 | 瓜子壳) ， (快 | 赶紧) (扫 一下 | 吸 一下)
t vc.y10 = <xpre> {name:vacuum} (去 | 到) {area} (扫 一 圈 | 转 一 圈 | 吸 一 圈) <g4z_end>
t vc.y11 = <xpre> (重点 | 单独) (打扫 一下 | 清扫 一下 | 扫 一下) {area}
t vc.y12 = <xpre> (扫 一下 | 打扫 一下) {area} ， 用 {name:vacuum}
t vc.y13 = 脚 底下 (好 多 渣 | 全 是 灰 | 好 多 头发) ， (过来 | 这儿) (扫 一下 | 吸 一下)

intent HassLawnMowerStartMowing
t lm.y1 = <xpre> (修剪 一下 | 剪 一 剪 | 推 一 遍 | 割 一 遍) (草坪 | 草地 | 院子 里 的 草)
t lm.y2 = 草 (长 太 高 了 | 太 长 了 | 该 剪 了 | 长 疯 了) ， <xpre> (割 一下 | 修 一下 | 剪 一下) <g4z_end>
t lm.y3 = <xpre> (让 | 叫 | 派) {name:lawn_mower} (出去 | 去) (割 一 圈 | 剪 一下 草 | 干活 | 修 草坪)
t lm.y4 = <xpre> (开动 | 运行 | 开 一下) <g4z_mower>
t lm.y5 = {name:lawn_mower} [，] (开工 | 走 起 | 上 岗 | 该 干活 了) <g4z_end>
t lm.y6 = <xpre> 把 {name:lawn_mower} (派 出去 | 放 出去 | 开 出去) (割草 | 干活) <g4z_end>
t lm.y7 = (能 不 能 | 可 不 可以 | 你 能) 让 (<g4z_mower> | {name:lawn_mower}) (去 | 出去) (割 一下 草 | 割草 | 剪草) [吗] [？]
t lm.y8 = <xpre> (启动 | 开始) (割草 | 除草 | 剪草) (任务 | 程序 | 模式)
t lm.y9 = 趁 (天 晴 | 太阳 好 | 现在 没 下雨) ， <xpre> 把 草 (割 了 | 剪 了 | 修 一 修)
t lm.y10 = <xpre> 用 {name:lawn_mower} (割 一下 | 修 一下 | 剪 一下) (草坪 | 草)
t lm.y11 = [<xlead>] <g4z_mower> (开工 | 出 来 干活 | 动 起来) <g4z_end>

intent HassLawnMowerDock
t ld.y1 = [<xlead>] <g4z_mower> (收工 | 回 窝 | 归位 | 回 基站 去) <g4z_end>
t ld.y2 = <xpre> (把 | 让) {name:lawn_mower} (回到 基站 上 | 收 回来 | 回 停靠 站)
t ld.y3 = <xpre> (召回 | 收回 | 叫 回) (<g4z_mower> | {name:lawn_mower})
t ld.y4 = {name:lawn_mower} (别 割 了 | 不 用 割 了 | 今天 就 到 这) ， (回 基站 | 回去 充电 | 收工) <g4z_end>
t ld.y5 = (院子 里 有 小孩 在 玩 | 外面 要 打雷 了 | 有 客人 来 了) ， (把 割草机 叫 回来 | 让 {name:lawn_mower} 回去 | 割草机 先 回 基站)
t ld.y6 = (能 不 能 | 可 不 可以) 把 (<g4z_mower> | {name:lawn_mower}) 叫 回 (基站 | 充电站) [？]
t ld.y7 = <xpre> 让 ({name:lawn_mower} | 割草机) 结束 割草 [，] (返回 | 回到) (基站 | 充电站)
t ld.y8 = 回 (基站 | 充电站 | 家) 吧 ， {name:lawn_mower}
t ld.y9 = {name:lawn_mower} (该 | 得) (充电 了 | 回家 了 | 回 基站 了) <g4z_end>
t ld.y10 = <xpre> 把 <g4z_mower> (送 回 | 开 回) (基站 | 停靠 站 | 充电 桩)

intent none chat
t no.y1 = (你 喜欢 什么 颜色 | 你 有 朋友 吗 | 你 会 不 会 累 | 你 睡觉 吗 | 你 有 感情 吗) [？]
t no.y2 = (给 我 讲 个 故事 | 说 个 绕口令 | 背 一 首 唐诗 | 出 个 脑筋 急 转弯) [吧]
t no.y3 = (长城 有 多 长 | 月亮 离 地球 多 远 | 为什么 天空 是 蓝色 的 | 恐龙 是 怎么 灭绝 的) [？]
t no.y4 = (三 乘 七 等于 多少 | 一百 除 以 四 是 几 | 一 公里 是 多少 米 | 一 斤 是 多少 克) [？]
t no.y5 = (今天 心情 不错 | 我 刚 下班 | 我 考试 考砸 了 | 我 昨晚 失眠 了 | 今天 被 老板 骂 了)
t no.y6 = (你 觉得 我 胖 吗 | 晚饭 吃 什么 好 | 周末 看 什么 书 好 | 我 该 不 该 换 工作) [？]
t no.y7 = (帮 我 订 一 张 电影 票 | 帮 我 叫 个 车 | 给 我 挂 个 号 | 帮 我 查 一下 快递 到 哪 了)
t no.y8 = (你 支持 哪 个 球队 | 今年 谁 会 拿 冠军 | 周杰伦 是 哪 年 出生 的 | 世界 上 最 高 的 楼 是 哪 座) [？]
t no.y9 = (这个 字 怎么 念 | 我们 来 玩 成语 接龙 吧 | 我们 玩 猜 谜语 吧 | 陪 我 聊 会儿 天)
t no.y10 = (你 真 聪明 | 你 太 笨 了 | 你 说 得 不 对 | 你 今天 怎么 这么 慢)
t no.y11 = (扫地 机器人 | 扫地机) (哪个 牌子 好 | 多少 钱 一 台 | 值得 买 吗 | 是 怎么 认 路 的) [？]
t no.y12 = (割草机 | 割草 机器人) (怎么 保养 | 能 用 几 年 | 噪音 大 不 大 | 是 谁 发明 的) [？]
t no.y13 = (怎么 才 能 不 拖延 | 怎么 提高 效率 | 怎么 养成 好 习惯 | 怎么 学 好 英语) [？]
t no.y14 = (附近 有 什么 好吃 的 | 最近 的 药店 在 哪 | 哪 家 火锅 好吃 | 去 机场 怎么 走) [？]
t no.y15 = (牛奶 能 放 多久 | 鸡蛋 怎么 煮 才 好吃 | 西红柿 炒 鸡蛋 怎么 做 | 草莓 要 怎么 洗) [？]
t no.y16 = (我 妈 刚 去 超市 了 | 今天 打扫 了 一 整 天 ， 累 死 了 | 院子 里 的 草 长 得 真 好 | 我们 家 狗 又 掉 毛 了)
t no.y17 = (你 会 洗 碗 吗 | 你 能 帮 我 带 孩子 吗 | 你 会 做饭 吗 | 你 能 陪 我 去 跑步 吗) [？]
t no.y18 = (你 知道 {any} 是 干 什么 用 的 吗 | {any} 坏 了 怎么 修 | {any} 用 了 几 年 了 | {any} 的 说明书 在 哪) [？]
t no.y19 = (猫 能 吃 巧克力 吗 | 多 喝 水 有 什么 好处 | 狗 为什么 爱 摇 尾巴 | 熬夜 对 身体 有 什么 影响) [？]
t no.y20 = (你 是 男 的 还是 女 的 | 你 会 讲 方言 吗 | 你 最 喜欢 吃 什么 | 你 相信 外星人 吗) [？]

# ---------- round 3 g1zh (zh-CN): 开/关 下、将…打开/关闭、一哈/先 结尾、给 开 上、去 把…、电源/开关、歇 会儿、锁 死/锁 牢、开 个 窗、摇 上去/放 到 底、人 呢/上 哪 去 了、报警 了 吗、留 {position}、往 上 拉 到、开合度、空调 打 N 度、把 卧室 调 到、烧 到、风量、数字 在 前 的 说法 (ids *.w*) ----------
# 只用 w1z_ 开头的新规则; 不给任何共享规则加候选.
rule w1z_rollkind = {domain=cover,device_class=blind} (百叶窗 | 百叶帘) | {domain=cover,device_class=shade} (卷帘 | 遮光帘) | {domain=cover,device_class=shutter} (卷帘门 | 外百叶) | {domain=cover,device_class=garage} (车库门 | 车库)
rule w1z_roll = [<in_area> | <on_floor>] <w1z_rollkind> | [<in_area>] {name:cover}
rule w1z_pdev = [<in_area>] {name:switch,fan,media_player,light}
rule w1z_lamp = [<in_area> | <on_floor>] [<all>] <g1z_lamp> | [<in_area>] {name:light}

intent HassTurnOn
t on.w101 = [<xlead>] 开 下 <onoff_tgt> [呗 | 吧 | 嘛]
t on.w102 = <xpre> 将 <onoff_tgt> (打开 | 开启) [， 谢谢]
t on.w103 = [<xlead>] <onoff_tgt> (开 一哈 | 打开 一哈 | 开 哈) [嘛 | 噻]
t on.w104 = <xpre> 把 <onoff_tgt> 给 (开 上 | 开开 | 开 起来) [吧 | 哈]
t on.w105 = [<xlead>] 去 把 <onoff_tgt> (打开 | 开 了) [， 快 去]
t on.w106 = <onoff_tgt> (该 开 了 | 可以 开 了) [吧 | 哈]
t on.w107 = (<onoff_tgt> ， 开 | 开 ， <onoff_tgt>) [！]
t on.w108 = <xpre> (打开 | 开 下) <onoff_tgt> 先
t on.w109 = <xpre> 把 <w1z_pdev> 的 (电源 | 开关) (打开 | 开 了 | 开 上)
t on.w110 = (孩子 要 写 作业 了 | 我 要 化妆 | 要 吃饭 了 | 我 找 个 东西) ， <xpre> (开 下 | 打开) <g1z_ltgt>
t on.w111 = {domain=light} (快 开 灯 啊 | 开 灯 开 灯 | 开 灯 啦 | 灯 怎么 还 不 开 ， 开 灯)
t on.w112 = (屋 里 有点 闷 | 透 透 气 | 有 味儿 ， 散 散 味) ， <xpre> (开 个 窗 | 开 下 窗户 | 把 [<in_area>] 窗户 打开) {domain=cover,device_class=window}
t on.w113 = <xpre> 把 <w1z_roll> (摇 上去 | 卷 上去 | 收 上去) [吧]
t on.w114 = [<xlead>] [<in_area>] {name:lock} (锁 死 | 锁 牢 | 锁 严实) [点 | 吧]
t on.w115 = (家 里 没 人 了 | 人 都 走 了 | 天 都 黑 了) ， <xpre> (给 {name:lock} 锁 上 | 把 {name:lock} 锁 住)
t on.w116 = ({name:script} [脚本 | 流程] (走 起 | 搞 起来 | 开 整) | <xpre> 调用 {name:script} [脚本 | 流程])
t on.w117 = (<xpre> (换 到 | 切换 成 | 弄 成) {name:scene} [场景 | 模式] | {name:scene} [场景 | 模式] (安排 上 | 走 起 | 来 一个))
t on.w118 = (<xpre> 进入 {name:input_boolean} | {name:input_boolean} (开 一下 | 打开 吧 | 开 上))
t on.w119 = (屋 里 跟 冰窖 似的 | 热 得 受 不 了) ， <xpre> 开 (下 | 个) [<in_area>] {name:climate}
t on.w120 = <xpre> (开 {name:valve} 放 点 水 | 把 {name:valve} 开开 ， 放 点 水)
t on.w121 = (<onoff_tgt> 能 开 一下 吗 | 你 能 把 <onoff_tgt> 打开 吗 | 麻烦 开 一下 <onoff_tgt> 好 吗) [？]
t on.w122 = 我 (需要 | 得) 用 一下 <w1z_pdev> ， (开 一下 | 打开 它)

intent HassTurnOff
t off.w101 = [<xlead>] 关 下 <onoff_tgt> [呗 | 吧 | 嘛]
t off.w102 = <xpre> 将 <onoff_tgt> (关闭 | 关掉) [， 谢谢]
t off.w103 = [<xlead>] <onoff_tgt> (关 一哈 | 关掉 一哈 | 关 哈) [嘛 | 噻]
t off.w104 = <xpre> 把 <onoff_tgt> 给 (关 上 | 关 喽 | 关 咯)
t off.w105 = [<xlead>] 去 把 <onoff_tgt> 关 (了 | 掉) [， 快 去]
t off.w106 = <onoff_tgt> ((该 关 了 | 可以 关 了) [吧 | 哈] | 用 完 了 ， 关 了 吧)
t off.w107 = (<onoff_tgt> ， 关 | 关 ， <onoff_tgt>) [！]
t off.w108 = <xpre> (关掉 | 关 下) <onoff_tgt> 先
t off.w109 = <xpre> 把 <w1z_pdev> 的 (电源 | 开关) 关 (了 | 掉 | 上)
t off.w110 = (谁 又 把 <onoff_tgt> 开 着 了 | 怎么 又 没 关 <onoff_tgt>) ， (关 了 | 关掉 | 给 我 关 了)
t off.w111 = {domain=light} (灭 灯 | 快 关 灯 | 关 灯 关 灯 | 关 灯 啦 | 灯 太 晃 了 ， 关 了 吧)
t off.w112 = (外面 太 吵 了 | 有 蚊子 飞 进来 | 风 太 大) ， <xpre> (关 个 窗 | 关 下 窗户 | 把 [<in_area>] 窗户 关 上) {domain=cover,device_class=window}
t off.w113 = <xpre> 把 <cover_tgt> (关 回去 | 合 拢) [吧]
t off.w114 = <xpre> 把 <w1z_roll> (摇 下来 | 放 到 底 | 落 到 底)
t off.w115 = (我 忘 带 钥匙 了 | 钥匙 找 不 到 了 | 我 到 门口 了) ， <xpre> (把 {name:lock} 打开 | 开 一下 {name:lock} | 给 我 开 下 {name:lock})
t off.w116 = [<xlead>] [<in_area>] {name:lock} (解 了 吧 | 解 一下 | 给 解 开)
t off.w117 = ((不 好 了 | 坏 了 坏 了 | 出 事 了) ， 快 把 {name:valve} 关 了 | <xpre> 把 [<in_area>] {name:valve} (关 死 | 关 牢))
t off.w118 = <xpre> 让 [<in_area>] (<fans> | {name:fan,climate}) 歇 (会儿 | 一会儿 | 歇) [吧]
t off.w119 = [<in_area>] {name:media_player} (别 放 了 | 别 响 了 | 不 看 了) ， (关 了 吧 | 关掉)
t off.w120 = {domain=light} (一 键 关 灯 | 全 家 的 灯 全 灭 了 | 家 里 灯 全部 给 我 关 了 | 所有 的 灯 统统 关掉)
t off.w121 = (<onoff_tgt> 能 关 一下 吗 | 你 能 把 <onoff_tgt> 关 了 吗 | 麻烦 关 一下 <onoff_tgt> 好 吗) [？]
t off.w122 = {name:input_boolean} (结束 了 | 用 不 着 了 | 不 需要 了) ， 关 (掉 | 了) 吧
t off.w123 = (没 人 在 | 人 都 走 了 | 大家 都 睡 了) ， <xpre> 把 <w1z_lamp> (都 关 了 | 全 灭 了)

intent HassGetState
t st.w101 = {name:light,switch,fan} 有 没 有 (开 着 {state=on} | 开 {state=on} | 关掉 {state=off} | 关 {state=off}) [啊] [？]
t st.w102 = {name:light,switch,fan} (关掉 了 吧 {state=off} | 开 着 的 吧 {state=on} | 应该 关 了 吧 {state=off}) [？]
t st.w103 = 我 (出门 | 走) 的 时候 {name:light,switch,fan} 关 (了 没 | 掉 了 没有 | 没 关) {state=off} [？]
t st.w104 = ({name:light} 现在 亮 (着 不 | 不 亮) | {name:fan} (在 转 吗 | 转 着 没 | 还 转 着 吗) | {name:switch} (在 工作 吗 | 是不是 在 用 着)) {state=on} [？]
t st.w105 = [<in_area> | <on_floor>] {name:lock} (是不是 没 锁 {state=unlocked} | 锁 严 了 吗 {state=locked} | 锁 牢 了 没 {state=locked} | 被 打开 了 吗 {state=unlocked}) [？]
t st.w106 = [<in_area> | <on_floor>] {name:cover} (关 严 了 吗 {state=closed} | 放 下来 了 没 {state=closed} | 还 开 着 吧 {state=open} | 是 开 着 的 吧 {state=open}) [？]
t st.w107 = [<in_area> | <on_floor>] <coverkind> (关 严 了 没 {state=closed} | 都 关 上 了 吧 {state=closed} | 是不是 还 开 着 {state=open} | 有 没 有 开 着 {state=open}) [？]
t st.w108 = [<in_area> | <on_floor>] {name:binary_sensor} (报警 了 吗 | 有 没 有 报警 | 是不是 在 报警 | 检测 到 什么 了 吗 | 响 了 没) {state=on} [？]
t st.w109 = {name:person} (人 呢 | 上 哪 去 了 | 上 哪儿 了 | 在 哪 块 | 在 啥 地方) [？]
t st.w110 = (有 谁 知道 | 能 告诉 我) {name:person} (在 哪 | 现在 在 哪儿) (吗 | 不) [？]
t st.w111 = {name:person} (是不是 在 家 {state=home} | 在 家 不 {state=home} | 今天 在 家 吗 {state=home} | 还 没 回来 吗 {state=not_home} | 是不是 还 在 外面 {state=not_home}) [？]
t st.w112 = <xpre> (看 下 | 瞄 一眼 | 查 下 | 报 一下) {name:sensor} [的 (值 | 数)]
t st.w113 = {name:sensor} (正常 不 | 正常 吗 | 高 不 高 | 有 多少 啊 | 是 几) [？]
t st.w114 = [<g1z_loc>] (有 哪 盏 灯 忘 了 关 | 是不是 有 灯 忘 了 关 | 有 没 有 灯 忘 关 了) {domain=light} {state=on} [？]
t st.w115 = [<g1z_loc>] (插座 {domain=switch} | 风扇 {domain=fan} | 灯 {domain=light}) 是不是 (全 关 了 {state=off} | 都 关掉 了 {state=off} | 都 开 着 {state=on}) [？]
t st.w116 = ((家 里 现在 没 人 吧 | 是不是 都 出去 了 | 大家 都 出门 了 吗) {state=not_home} | (屋 里 有 人 没 | 有 谁 在 家 吗) {state=home}) {domain=person} [？]
t st.w117 = (帮 我 看 下 | 问 下) {name:sensor,light,switch,fan,cover,lock,valve,climate,media_player} (咋样 了 | 什么 状态 | 现在 啥 情况)
t st.w118 = [<g1z_loc>] 门 (都 锁 上 了 吧 {state=locked} | 是不是 没 锁 {state=unlocked}) {domain=lock} [？]
t st.w119 = {name:valve} (开 着 的 吧 {state=open} | 关 死 了 吗 {state=closed} | 是不是 关 着 {state=closed}) [？]

intent HassSetPosition
t pos.w101 = <xpre> 将 <cover_tgt> (调 至 | 开 至 | 设 为) {position}
t pos.w102 = [<xlead>] <cover_tgt> 留 [个] {position} (就 行 | 就 好 | 吧)
t pos.w103 = <xpre> 把 <cover_tgt> (往 上 拉 | 往 下 放 | 往 上 收) 到 {position}
t pos.w104 = <cover_tgt> (给 我 | 帮 我) (放 到 | 开 到 | 拉 到) {position} [吧]
t pos.w105 = <xpre> 把 <cover_tgt> 的 (开合度 | 开合 程度 | 开口) (设成 | 调 到 | 弄 到) {position}
t pos.w106 = <cover_tgt> 不 用 (全 开 | 开 那么 大 | 全 关) ， (开 | 留) {position} 就 (够 了 | 行)
t pos.w107 = 我 想 让 <cover_tgt> (开 | 停 在 | 留) {position}
t pos.w108 = <cover_tgt> 调 一下 ， {position} [吧 | 就 行]
t pos.w109 = <xpre> <cover_tgt> (设 | 给 个 | 来 个) {position}
t pos.w110 = (阳光 太 刺眼 | 想 透 点 气 | 屋 里 太 暗) ， <xpre> <cover_tgt> 开 (个 | 到) {position}
t pos.w111 = <xpre> [<in_area>] {name:valve} (开 个 | 给 到) {position} [就 够 了]
t pos.w112 = (能不能 把 <cover_tgt> 弄 成 {position} [左右] [呀 | 啊] [？] | 麻烦 把 <cover_tgt> 弄 成 {position} [左右] [， 谢谢])
t pos.w113 = (<cover_tgt> 的 位置 ， {position} | <cover_tgt> 位置 改 成 {position})
t pos.w114 = {position} ， <cover_tgt> (开 这么 多 | 就 开 这么 多)

intent HassLightSet
t ls.w101 = <xpre> 将 <light_tgt> [的] 亮度 (调 至 | 设定 为 | 改 为) {brightness}
t ls.w102 = [<xlead>] <light_tgt> 亮 {brightness} 就 (行 | 好 | 够 了)
t ls.w103 = <light_tgt> (暗 一点 | 亮 一点 | 太 亮 了 | 太 暗 了) ， {brightness} [就 行 | 吧]
t ls.w104 = <light_tgt> (亮度 | 的 亮度) (来 个 | 给 个 | 给 到) {brightness}
t ls.w105 = <light_tgt> 亮度 改 一下 ， 改 成 {brightness}
t ls.w106 = (我 要 看 书 | 准备 睡觉 了 | 孩子 在 写 作业) ， <xpre> (把 <light_tgt> 调 到 {brightness} | <light_tgt> 亮度 调 成 {brightness})
t ls.w107 = <xpre> 让 <light_tgt> (发 | 亮) {color} [吧]
t ls.w108 = <light_tgt> (要 | 来 点 | 整 个) {color} [的] [吧]
t ls.w109 = {color} 吧 ， <light_tgt> 就 用 这个 颜色
t ls.w110 = <light_tgt> 颜色 (不 好看 | 太 难看 了 | 看 腻 了) ， (换 成 | 改 成) {color}
t ls.w111 = <xpre> 将 <light_tgt> [的] 色温 (调 至 | 设定 为) {temperature:kelvin}
t ls.w112 = <light_tgt> 色温 (来 个 | 给 到 | 给 个) {temperature:kelvin} [吧]
t ls.w113 = (光 太 黄 了 | 光 太 白 了 | 光 太 冷 了 | 光 太 暖 了) ， <xpre> 把 <light_tgt> [的 色温] (调 到 | 换 成) {temperature:kelvin}
t ls.w114 = <xpre> 把 <light_tgt> [的 亮度] 往 (上 | 下) (调 到 | 拉 到) {brightness}
t ls.w115 = [<in_area> | <on_floor>] 灯 (开 | 亮) {brightness} {domain=light} [吧 | 就 行]

intent HassClimateGetTemperature
t cg.w101 = [现在] [<g1z_garea> | 屋 里 | 家 里] (啥 | 什么) 温度 [啊 | 呀] [？]
t cg.w102 = [<g1z_garea> | 屋 里] 多少 度 来着 [？]
t cg.w103 = <xpre> (报 一下 | 报 个 | 说 下) [<g1z_garea> 的] (温度 | 室温)
t cg.w104 = (要 不 要 加 衣服 | 我 穿 什么 好 | 要 不 要 开 窗) ， (屋 里 | <g1z_garea>) (几 度 | 多少 度) [啊] [？]
t cg.w105 = [<g1z_garea>] 温度 (够 不 够 | 低 不 低 | 是不是 太 低 了 | 是不是 太 高 了) [？]
t cg.w106 = {area} 会 不 会 太 (冷 | 热) [啊] [？]
t cg.w107 = 在 {area} [里] (温度 | 室温) 是 多少 [？]
t cg.w108 = {name:climate} (的 读数 | 那 的 室温 | 测 的 室温) (呢 | 是 几 度 | 是 多少) [？]
t cg.w109 = (<g1z_garea> | 屋 里) 的 温度 ， 你 (查 下 | 看 下)
t cg.w110 = (冷 不 冷 | 热 不 热) ， (屋 里 | <g1z_garea>) [现在] [？]
t cg.w111 = 跟 我 说 一下 [现在] (屋 里 | <g1z_garea>) (多少 度 | 的 温度)
t cg.w112 = (我 觉得 | 感觉) (有点 | 好) (冷 | 热) ， [<g1z_garea>] (温度 | 室温) 到底 多少 [？]

intent HassClimateSetTemperature
t ct.w101 = <xpre> 将 [<in_area> | <on_floor>] (温度 | 空调 | 室温) (设定 为 | 调 至) {temperature}
t ct.w102 = [<xlead>] [<in_area> | <on_floor>] 空调 打 {temperature} [吧 | 就 行]
t ct.w103 = <xpre> 把 [<in_area>] (暖气 | 地暖) 烧 到 {temperature}
t ct.w104 = <xpre> 把 {area} (调 到 | 弄 到 | 设 成) {temperature}
t ct.w105 = {name:climate} (设 个 | 来 个 | 给 个) {temperature} [吧]
t ct.w106 = <xpre> [<in_area> | <on_floor>] (空调 | 温度) (搞 成 | 搞 到) {temperature}
t ct.w107 = (冷 得 睡 不 着 | 热 得 受 不 了) ， <xpre> (温度 | 空调) (调 到 | 打 到) {temperature}
t ct.w108 = {floor} (温度 | 空调) (统一 | 全部) (调 到 | 设 成) {temperature}
t ct.w109 = (调 | 设) {temperature} 吧 ， [<in_area>] (空调 | 温度)

intent HassFanSetSpeed
t fs.w101 = <xpre> 把 [<in_area> | <on_floor>] (风扇 | 电扇) (风量 | 风 的 大小) (调 到 | 设 成 | 开 到) {percentage}
t fs.w102 = <xpre> 将 <g1z_fan> (转速 | 风速) (调 至 | 设定 为) {percentage}
t fs.w103 = [<g1z_fan>] 风 (开 大 点 | 开 小 点 | 大 一点 | 小 一点) ， ({percentage} 就 (行 | 够 了) | 调 到 {percentage})
t fs.w104 = <g1z_fan> (给 我 | 帮 我) (开 到 | 调 到 | 开 成) {percentage}
t fs.w105 = (风速 | <g1z_fan>) 来 个 {percentage} [吧]
t fs.w106 = <xpre> 让 <g1z_fan> 转 (慢 | 快) 点 ， (调 到 | 开 到 | 就) {percentage}
t fs.w107 = (晚上 睡觉 | 孩子 睡 了 | 我 要 睡 了) ， <xpre> 把 <g1z_fan> (调 到 | 开 到) {percentage}
t fs.w108 = {percentage} ， <g1z_fan> (开 这么 大 | 就 这个 速度)
t fs.w109 = <g1z_fan> (风速 | 转速) (改 为 | 定 在 | 定 成) {percentage}
t fs.w110 = (能不能 | 可以) 让 <g1z_fan> (转 到 | 吹 到 | 开 到) {percentage} [吗 | 呀] [？]

# ---------- round 3 g2zh (zh-CN): 取消静音/音量/继续播放/搜索播放等的新说法: 关 静音、声 开 了、从 静音 切 回来、禁音、拧 大、往 大 了 调、压 低、提 上来、开始 播放、play、投 到、听 点、上 首/下 首、pause、吼 一 声 (ids *.w*) ----------
# 静音/取消静音没有房间组合: 这里只用设备名, 不用 <mp_tgt>/<g2z_at>
rule w2z_mp = {name:media_player} | 那个 {name:media_player}
rule w2z_end = [吧 | 哈 | 啊 | 呀 | 呗 | 嘛]
rule w2z_vup = {volume_step=up} (拧 大 | 推 大 | 往 大 了 调 | 往 大 里 调 | 弄 大 | 整 大 | 搞 大 | 提 上来 | 调 响 | 放 响)
rule w2z_vdn = {volume_step=down} (拧 小 | 压 低 | 往 小 了 调 | 往 小 里 调 | 弄 小 | 整 小 | 搞 小 | 降 下来 | 收 小)
rule w2z_spot = {area} (那边 | 里) | {floor} | {name:media_player}

intent HassMediaPlayerUnmute
t um.w201 = <xpre> (开 声音 | 开 下 声音 | 把 声 开 了 | 把 声儿 开开 | 把 声儿 打开) <xpost>
t um.w202 = <xpre> 把 静音 (给 关 了 | 给 取消 了 | 给 去 了 | 关闭 掉 | 按 掉 | 点 掉)
t um.w203 = (关 静音 | 关 下 静音 | 关 一下 静音 | 静音 关闭 | 静音 给 关 了) <w2z_end>
t um.w204 = 不 (静音 | 用 静音) 了 [， 把 声音 打开 | ， 声音 开开]
t um.w205 = <xpre> 把 声音 (调 回来 | 放 出来 | 弄 回来 | 恢复 回来 | 开 起来) <w2z_end>
t um.w206 = {name:media_player} (怎么 没 声 了 | 没 声儿 了 | 一点 声音 都 没有) [？ | ，] <xpre> (把 声音 弄 回来 | 把 静音 关 了 | 取消 一下 静音)
t um.w207 = <xpre> 让 <w2z_mp> (有 声音 | 有 声儿 | 恢复 正常 声音) <w2z_end>
t um.w208 = 我 要 听 {name:media_player} 的 声音 ， (把 静音 关 了 | 取消 静音 吧 | 别 静音 了)
t um.w209 = <xpre> 取消 (禁音 | 静音 状态 | 静音 功能 | 静音 设置) <xpost>
t um.w210 = [<xlead>] {name:media_player} (unmute | un mute | 取消 mute) [一下 | 吧]
t um.w211 = 静音 (好 了 | 够 了 | 结束 了) ， (开 声音 吧 | 声音 放 出来 吧 | 把 声音 开开)
t um.w212 = <xpre> (把 <w2z_mp> 从 静音 [状态 | 模式] | 从 静音 (状态 | 模式)) (切 回来 | 调 回来 | 恢复 过来 | 改 回来)
t um.w213 = <xpre> <w2z_mp> 从 静音 (切 回 正常 | 恢复 正常 | 调 回 正常) <w2z_end>
t um.w214 = (是 不 是 静音 了 | 是不是 开 了 静音) [？ | ，] (帮 我 | 给 我 | 麻烦) (取消 掉 | 关 掉 静音 | 解 一下)
t um.w215 = <xpre> 把 {name:media_player} 的 静音 (按 掉 | 点 掉 | 给 去 了 | 关 上 | 取消 掉)
t um.w216 = 声音 (开开 | 开 起来 | 给 我 打开 | 给 开 了 | 放 出来) <w2z_end>
t um.w217 = ({name:media_player} | 它) (不 响 了 | 哑巴 了 | 没 声 了) [，] (把 静音 关 了 | 给 我 取消 静音 | 把 声音 开 起来)
t um.w218 = <xpre> (重新 打开 | 再 打开 | 开 开) <w2z_mp> 的 声音 [吧]
t um.w219 = <xpre> (关闭 | 关 掉 | 去 掉) {name:media_player} (的 | 上 的) 静音 [功能 | 模式]
t um.w220 = (电话 挂 了 | 宝宝 起床 了 | 会 开 好 了 | 没事 了) ， (<xpre> (把 声音 放 出来 | 关 掉 静音) | 声音 恢复 (吧 | 一下 吧))
t um.w221 = (静音 取消 | 取消 静音) ， {name:media_player}
t um.w222 = [<xlead>] 静音 关 掉 ， (我 要 听 | 我 听 不 到 了 | 听 不 见 了)

intent HassSetVolumeRelative
t vr.w201 = <xpre> 把 <vtgt> <vol> (<w2z_vup> | <w2z_vdn>) [一点 | 点 | 些 | 一些] <xpost>
t vr.w202 = <vtgt> <vol> (<w2z_vup> | <w2z_vdn>) (一点 | 点 | 些) <w2z_end>
t vr.w203 = (音量 | 声音) (稍稍 | 略微 | 微微) (大 {volume_step=up} | 小 {volume_step=down}) (一点 | 点 | 一丢丢) [吧]
t vr.w204 = (太 响 了 | 吵 得 慌 | 震 死 了 | 吵 得 我 头 疼) {volume_step=down} [，] [<xpre> (声音 | 音量) (压 低 | 收 小 | 降 下来) (点 | 一点)]
t vr.w205 = (外面 在 装修 | 抽油烟机 太 响 | 孩子 在 闹 | 我 耳朵 不 好使) ， <xpre> <vtgt> <vol> (再 大 (点 | 些) | 开 响 (点 | 些) | 拧 大 (点 | 些)) {volume_step=up}
t vr.w206 = 我 (奶奶 | 爷爷 | 外婆 | 姥爷) 耳朵 背 ， <xpre> (把 声音 | 把 音量) (调 大 些 | 开 大 些 | 往 大 了 调) {volume_step=up}
t vr.w207 = (能 不 能 | 可 不 可 以 | 能) 把 <vtgt> <vol> (<w2z_vup> | <w2z_vdn>) (点 | 一点) (啊 | 呀 | 吗) [？]
t vr.w208 = <xpre> 把 <vtgt> <vol> (拉 高 | 提 | 升 高 | 往 上 推) {volume_step:up} <xpost>
t vr.w209 = <xpre> 把 <vtgt> <vol> (拉 低 | 降 | 往 下 拉 | 往 下 推) {volume_step:down} <xpost>
t vr.w210 = <vtgt> (音量 | 声音) (再 加 (两 | 几) 格 | 加 加 | 再 往 上 走 (点 | 一点)) {volume_step=up} <w2z_end>
t vr.w211 = <vtgt> (音量 | 声音) (再 减 (两 | 几) 格 | 减 减 | 再 往 下 走 (点 | 一点)) {volume_step=down} <w2z_end>
t vr.w212 = (声音 | 音量) (响 一些 | 响亮 点 | 响 点 儿) {volume_step=up} [， (听 不 清 楚 | 后面 听 不 到)]
t vr.w213 = 声音 (轻 一些 | 柔 一点 | 低 点 儿) {volume_step=down} [， (别 吵 到 邻居 | 孩子 睡 了)]
t vr.w214 = (音量 加 {volume_step:up} | 音量 减 {volume_step:down}) [吧]
t vr.w215 = 声音 (小 了 点 ， 开 大 些 {volume_step=up} | 大 了 点 ， 关 小 些 {volume_step=down})
t vr.w216 = [<xlead>] (调 大 {volume_step=up} | 调 小 {volume_step=down} | 开 大 {volume_step=up} | 关 小 {volume_step=down}) (一点 | 些) ， (我 说 的 是 | 是) <w2z_spot>
t vr.w217 = <xpre> 给 (<w2z_mp> | {area} (那边 | 里) | {floor} | 音箱 | 电视) (加 点 音量 {volume_step=up} | 减 点 音量 {volume_step=down} | 加 点 声音 {volume_step=up})
t vr.w218 = <xpre> 把 <vtgt> <vol> (提 一 提 {volume_step=up} | 压 一 压 {volume_step=down} | 降 一 降 {volume_step=down} | 拧 一 拧 大 {volume_step=up}) <w2z_end>

intent HassMediaUnpause
t mun.w201 = (开始 播放 | 开始 放 | 播 起来 | 放 起来 | 放 吧 | 播 吧)
t mun.w202 = <xpre> [<g2z_at>] (开始 播放 | 播 起来 | 放 起来) <xpost>
t mun.w203 = <xpre> [<g2z_at>] (按 一下 play | 按 play | play 一下) <w2z_end>
t mun.w204 = (怎么 停 住 了 | 怎么 断 了 | 歌 呢 | 咋 不 放 了) [？ | ，] (放 啊 | 播 啊 | 快 放 | 继续 呀)
t mun.w205 = <xpre> (恢复 | 重新 开始) 刚才 的 播放 [吧]
t mun.w206 = <xpre> 把 [<g2z_src>] (音乐 | 歌 | 视频 | 节目) 重新 (放 | 播) 起来 [吧]
t mun.w207 = (别 停 着 了 | 别 停 了 | 不 要 停) ， <xpre> [<g2z_at>] (放 吧 | 播 吧 | 继续 放)
t mun.w208 = <xpre> 让 {name:media_player} (播 起来 | 放 起来 | 重新 播 起来) [吧]
t mun.w209 = (好 了 | 行 了 | 没事 了) ， 可以 (放 了 | 播 了 | 开始 放 了 | 继续 放 了)
t mun.w210 = <xpre> 把 暂停 (给 去 了 | 按 掉 | 点 掉) [，] [继续 放]
t mun.w211 = <xpre> (继续 (刚才 | 刚刚) (那 首 歌 | 那 集 | 那 个 视频 | 那 部 电影) | (刚才 | 刚刚) 那 (首 歌 | 集 | 部 电影) 继续 (放 | 播 | 看))
t mun.w212 = {area} (那边 | 的 音乐 | 里) 可以 (放 | 播) 了
t mun.w213 = [<xlead>] (不 停 了 | 不 暂停 了) ， 继续 (放 | 播) [吧]
t mun.w215 = 继续 继续 [，] (我 回来 了 | 好 了)
t mun.w216 = <xpre> 恢复 {name:media_player} (的 播放 | 播放)
t mun.w217 = <xpre> {area} (的 | 那边 的) (播放 | 音乐 | 歌) 恢复 (一下 | 吧)

intent HassMediaSearchAndPlay
t ms.w201 = [<xlead>] (咱们 | 我们 | 我) <mplace> 听 (一下 | 听 | 点) {search_query} [吧]
t ms.w202 = <xpre> (弄 点 | 搞 点 | 挑 点) {search_query} (听 听 | 来 听 | 放 放)
t ms.w203 = <xpre> 把 (歌 | 音乐 | 现在 这 个) (换 成 | 切 成 | 改 成) {search_query}
t ms.w204 = <xpre> (把 {search_query} 投 到 {name:media_player} (上 | 上面) | 在 {name:media_player} 上 投 一下 {search_query})
t ms.w205 = 我 要 看 {search_query:movie} {media_class=movie} [， <mplace> 放 一下]
t ms.w206 = <xpre> <mplace> 播 一 集 {search_query:tv_show} {media_class=tv_show} [吧]
t ms.w207 = [<xlead>] (咱们 | 我们 | 我 要) <mplace> 看 一 集 {search_query:tv_show} {media_class=tv_show} [吧]
t ms.w208 = [<xlead>] (咱们 | 我们 | 我 要) <mplace> 听 一 期 {search_query:podcast} {media_class=podcast} [吧]
t ms.w209 = <xpre> <mplace> 放 (一 张 | 那 张) 专辑 [，] [叫] {search_query:album} {media_class=album}
t ms.w210 = {search_query:artist} {media_class=artist} 的 歌 (听 一下 | 放 几 首 | 播 一些) [吧]
t ms.w211 = (有 | 能 找 到) {search_query:artist} {media_class=artist} 的 歌 吗 [？ | ，] (放 几 首 | 放 一下 | 有 就 放)
t ms.w212 = [<xlead>] {search_query} ， (放 这 个 | 就 放 这 个 | 播 这 个) [吧]
t ms.w213 = <xpre> <mplace> 放 首 {search_query:track} {media_class=track} (听 听 | 来 听 | 吧)
t ms.w214 = [<xlead>] (今晚 | 晚上 | 周末) (咱们 | 我们) <mplace> 看 {search_query:movie} {media_class=movie} 吧
t ms.w215 = <xpre> {area} (那边 | 里) (放 | 播) (一下 | 个) {search_query}
t ms.w216 = <xpre> 把 {search_query:playlist} {media_class=playlist} (这个 | 那个) 歌单 (放 一下 | 打开 听 听 | 播 起来)
t ms.w217 = [<xlead>] 点 (首 | 个) {search_query} [给 我 | 吧]
t ms.w218 = <xpre> 开 (个 | 一下) {search_query:tv_show} {media_class=tv_show} [看 看 | 给 孩子 看]

intent HassSetVolume
t sv.w201 = <xpre> 把 [<g2z_vsrc>] <vol> (放 到 | 打 到 | 切 到 | 整 到 | 调 在 | 设置 在) {volume_level} <xpost>
t sv.w202 = [<g2z_vsrc>] <vol> (到 | 给 我 调 到 | 给 我 整 到) {volume_level} <w2z_end>
t sv.w203 = <xpre> <vol> 调 至 {volume_level}
t sv.w204 = <vol> 直接 (调 到 | 设 成 | 拉 到) {volume_level} [吧]
t sv.w205 = (声音 | 音量) 开 {volume_level} (就 行 | 就 够 了 | 就 好)
t sv.w206 = 我 要 {volume_level} 的 音量 [，谢谢]
t sv.w207 = (声音 太 吵 了 | 太 小 声 了 | 听 不 清) ， <vol> 给 我 (设 成 | 改 到 | 整 到) {volume_level}
t sv.w208 = <xpre> 给 [<g2z_vsrc>] <vol> (设 个 | 定 个) {volume_level}
t sv.w209 = (能 把 [<g2z_vsrc>] <vol> 设置 在 {volume_level} 吗 | 能 不 能 把 [<g2z_vsrc>] <vol> 设置 在 {volume_level} [呀]) [？]
t sv.w210 = <xpre> {name:media_player} 调 到 {volume_level} (的 音量 | 的 声音 | 音量)
t sv.w211 = <xpre> (音量 调 节 成 | 音量 设 置 成 | 音量 调 整 到) {volume_level} [吧]
t sv.w212 = {volume_level} ， (音量 调 这么 多 | 音量 就 这个 数 | 把 音量 设 这个)

intent HassMediaPrevious
t mpr.w201 = (上 首 | 上 首 歌 | 上 个 视频) [吧 | 呀]
t mpr.w202 = <xpre> [<g2z_at>] (切 上 首 | 放 上 首 | 换 上 首 | 回 上 首) <xpost>
t mpr.w203 = <xpre> 倒 回 去 一 (首 | 集 | 个)
t mpr.w204 = <xpre> [<g2z_at>] (切 到 | 跳 到 | 换 到) 前 面 (那 | 一) (首 | 集 | 个)
t mpr.w205 = 不 对 [，] (回 上 首 | 回 去 上 一 首 | 再 往 前 一 首)
t mpr.w206 = <xpre> 按 (一下 | 下) 上 一 首 [键 | 按钮]
t mpr.w207 = 我 要 听 回 (刚才 | 刚刚 | 前 面) 那 首 [歌]
t mpr.w208 = <xpre> {area} (那边 | 里) (放 回 | 退 到 | 切 回) 上 一 (首 | 集 | 个)
t mpr.w209 = <xpre> [<g2z_at>] (previous | 放 上 一 个 曲目 | 切 到 上 一 个 曲目) [吧]
t mpr.w210 = <xpre> 让 {name:media_player} (倒 回 去 | 退 回 去) 一 (首 | 集)

intent HassBroadcast
t bc.w201 = (所有 人 注意 | 大家 注意 | 家里 人 注意 了) (， | ：) {message}
t bc.w202 = <xpre> (吼 一 声 | 帮 我 吼 一 声 | 大声 说 一 声) (， | ：) {message}
t bc.w203 = <xpre> (对 | 通过) 所有 音箱 (说 | 讲) [一下] (， | ：) {message}
t bc.w204 = <xpre> 每 个 屋 都 (说 一 遍 | 播 一 遍 | 讲 一 遍) (， | ：) {message}
t bc.w205 = <xpre> (放 个 | 做 个 | 搞 个) 广播 (， | ：) {message}
t bc.w206 = [<xlead>] 把 这 个 (消息 | 事) (广播 给 | 告诉) (大家 | 所有 人) (， | ：) {message}
t bc.w207 = {message} ， (让 大家 都 知道 | 全 屋 都 说 一下 | 给 每 个 房间 都 说 一下)
t bc.w208 = <xpre> 全 屋 (喇叭 | 音箱) (响 一下 | 说 一下) (， | ：) {message}
t bc.w209 = <xpre> 给 (楼上 楼下 | 每 个 房间) 的 人 带 句 话 (， | ：) {message}
t bc.w210 = (全屋 广播 | 广播 通知) [一下] (， | ：) {message}

intent HassMediaNext
t mnx.w201 = (下 首 | 下 首 歌 | 下 个 视频 | 下 一 条) [吧 | 呀]
t mnx.w202 = <xpre> [<g2z_at>] (切 下 首 | 换 下 首 | 跳 下 首 | 放 下 首) <xpost>
t mnx.w203 = (难听 死 了 | 什么 歌 啊 这 是 | 这 首 听 过 了) ， (快 切 | 赶紧 切 | 快 跳 过去) [吧]
t mnx.w204 = <xpre> 按 (一下 | 下) 下 一 首 [键 | 按钮]
t mnx.w205 = <xpre> [<g2z_at>] (next 一下 | next | 放 下 一 个 曲目 | 切 到 下 一 个 曲目) [吧]
t mnx.w206 = <xpre> (播 | 放) 后 面 那 (首 | 集 | 个)
t mnx.w207 = <xpre> {area} (那边 | 里) (切 到 | 换 到 | 跳 到) 下 一 (首 | 集 | 个)
t mnx.w208 = <xpre> 让 {name:media_player} (换 一 首 | 跳 一 首 | 往 下 跳 一 首)

intent HassMediaPause
t mpa.w201 = <xpre> [<g2z_at>] pause 一下 <w2z_end>
t mpa.w202 = (打住 | 停 停) [，] (先 别 放 | 先 别 播 | 暂停 吧)
t mpa.w203 = <xpre> [<g2z_at>] 先 停 (下 | 一 会) <w2z_end>
t mpa.w204 = (暂停 暂停 | 暂停 一下 下) [！]
t mpa.w205 = <xpre> 把 [<g2z_src>] (画面 | 视频 | 电影) (定 住 | 定 格) [一下]
t mpa.w206 = (我 先 去 做 饭 | 我 去 洗 个 澡 | 孩子 哭 了) ， <xpre> [<g2z_at>] 先 (暂停 着 | 别 往 下 放 了 | 停 着)
t mpa.w207 = <xpre> {name:media_player} (先 暂停 | 暂停 一下 下 | 停 一 会 儿)
t mpa.w208 = <xpre> 按 (一下 | 下) 暂停 按钮

intent HassMediaPlayerMute
t mu.w201 = <xpre> 按 (一下 | 下) 静音 (键 | 按钮)
t mu.w202 = <xpre> (禁音 | 开 个 静音 | 切 到 静音 | 切 成 静音) <w2z_end>
t mu.w203 = <xpre> 把 [{name:media_player} 的] 声音 (去 掉 | 屏蔽 掉 | 给 关 了)
t mu.w204 = (静音 静音 | 快 静音 ， 快) [！]
t mu.w205 = 我 不 想 听 到 (声音 | 它 的 声音) ， <xpre> (静音 吧 | 静 个 音 | 把 它 静音)
t mu.w206 = <xpre> 把 <w2z_mp> (切 成 | 调 成 | 弄 成) (静音 | 无 声) [吧]
t mu.w207 = {name:media_player} (先 静音 | 静音 一会儿 | 先 别 出 声音) <w2z_end>
t mu.w208 = <xpre> 让 {name:media_player} 不 (出 声 | 出 声音) [了]

# ---------- round 3 g3zh (zh-CN): timers, time, date, weather: new verbs (掐/新建/计…的时/吱一声/延时/往回拨/提早/甭/走到几点), verb-last and topic-first orders, situations first, terse forms (ids *.w*) ----------
# own rules only (w3z_*): no alternative is added to a shared rule
rule w3z_tt = <timer_tgt> | <timer_tgt> | {name:timer} 那个 <timer> | 给 {name:timer} (定 | 设) 的 <timer> | <sdur> 那个 | 设 了 <sdur> 的 <timer> | 在 {area} (定 | 设) 的 <timer> | {area} 里 那个 <timer> | 我 (那个 | 的) <timer> | 正在 走 的 <timer>
rule w3z_end = 吧 | 啊 | 呀 | 哈 | 嘛 | 哦 | 呗

intent HassStartTimer
t tm.w301 = <xpre> (新建 | 创建 | 添加 | 建) (一个 | 个) <dur> 的 <timer> [<w3z_end>]
t tm.w302 = <dur> (倒计时 | 计时) [<w3z_end>]
t tm.w303 = <dur> [的] <timer> [，] (开 起来 | 整 一个 | 搞 一个 | 来 一个) [<w3z_end>]
t tm.w304 = <xpre> 按 <dur> (计时 | 倒计时) [<w3z_end>]
t tm.w305 = [<xlead>] (帮 我 | 给 我) 计 <dur> 的 时 [<w3z_end>]
t tm.w306 = (我 眯 一会儿 | 我 睡 一会儿 | 我 躺 一下 | 我 打 个 盹 | 我 歇 会儿) ， <dur> (后 | 以后 | 之后) (叫 醒 我 | 喊 我 起来 | 把 我 叫 起来 | 叫 我 起床)
t tm.w307 = <xpre> <dur> (后 | 以后 | 之后) (吱 一声 | 提醒 一声 | 告诉 我 一声 | 叫 一声 | 响 个 铃 | 响铃)
t tm.w308 = <xpre> (看 着 点 时间 | 帮 我 盯 着 时间 | 帮 我 看 着 时间) ， <dur> (到 了 | 一 到) (告诉 我 | 叫 我 | 提醒 我)
t tm.w309 = 我 需要 (一个 | 个) <dur> 的 <timer> | 我 需要 (一个 | 个) <timer> ， <dur>
t tm.w310 = <xpre> 打开 <timer> ， (设 | 定) <dur> [<w3z_end>]
t tm.w311 = {name:timer} 用 的 <timer> ， <dur> [<w3z_end>] | <dur> ， {name:timer} 用 的 <timer>
t tm.w312 = {name:timer} (需要 | 要) <dur> ， (帮 我 | 你) (看 着 点 | 记 着 时间 | 到 时 叫 我 | 到 点 叫 我)
t tm.w313 = <xpre> (开 | 设 | 来) (一个 | 个) {name:timer} (计时 | 倒计时) ， <dur>
t tm.w314 = (定时 | 延时) <dur> {conversation_command}
t tm.w315 = (过 | 再 过) <dur> (就 | 再 | 自动) {conversation_command} | {conversation_command} ， (不过 | 但是) (等 | 过) <dur> (以后 | 之后) [再 弄]
t tm.w316 = [<xlead>] <timer> (来 | 定 | 设) (一个 | 个) <dur> [的] [<w3z_end>]
t tm.w317 = (快 | 赶紧 | 快点) ， <dur> ， (计时 | 倒计时 | 开始 计时) [！]
t tm.w318 = <xpre> <dur> (后 | 以后) (叫 我 去 | 提醒 我 去 | 喊 我 去) {name:timer}
t tm.w319 = (小 助手 ， | 你 好 ，) (麻烦 你 | 劳驾) 帮 我 (设置 | 定) 一下 <timer> ， <dur> ， 谢谢 [你]
t tm.w320 = <dur> [，] 计时 (开始 | 走 起) [吧]
t tm.w321 = <timer> (给 我 | 帮 我) (设 | 定 | 调) (成 | 到 | 上) <dur> [<w3z_end>]

intent HassIncreaseTimer
t ti+.w301 = [<xlead>] <w3z_tt> (加 个 | 添 个 | 续 个 | 补 个) <dur> [<w3z_end>]
t ti+.w302 = <xpre> 让 <w3z_tt> (晚 | 推 后 | 往 后) <dur> (再 响 | 响 | 结束)
t ti+.w303 = [<xlead>] <w3z_tt> (往 上 调 | 往 上 加 | 调 多) <dur> [<w3z_end>]
t ti+.w304 = <w3z_tt> (拉长 | 放 长 | 改 长) <dur> [<w3z_end>]
t ti+.w305 = <w3z_tt> (能 | 可以) (再 加 | 多 加 | 再 延长) <dur> (吗 | 不) [？] | <w3z_tt> 能 不 能 (再 加 | 多 加 | 再 延长) <dur> [呀] [？]
t ti+.w306 = (请 | 麻烦) (给 | 为) <w3z_tt> 增加 <dur> (的 时间 | 时间)
t ti+.w307 = (面 还 硬 着 呢 | 肉 还 没 炖 烂 | 颜色 还 不 够 | 水 还 没 开 呢 | 还 没 烤 透) ， <w3z_tt> (加 个 | 再 续 | 再 来) <dur>
t ti+.w308 = <dur> ， (给 | 往) <w3z_tt> (里 | 上) (加 上 | 添 上 | 续 上)
t ti+.w309 = 再 (来 | 续) <dur> [吧] ， <w3z_tt>
t ti+.w310 = <w3z_tt> 加时 <dur>
t ti+.w311 = (我 还 想 | 让 我 再) (多 玩 | 多 睡 | 多 看) <dur> ， (给 | 帮 我 给) <w3z_tt> (加 上 | 延 一下) [吧]
t ti+.w312 = <w3z_tt> 延长 一下 ， (延 | 加 | 多 加) <dur>
t ti+.w313 = (时间 不 够 用 | 时间 太 紧 了 | 来 不 及 了) ， (把 | 给) <w3z_tt> (加 | 延) <dur>
t ti+.w314 = <w3z_tt> (给 我 | 帮 我) 多 (设 | 留 | 加) <dur> [<w3z_end>]
t ti+.w315 = <w3z_tt> (加 | 添) <dur>

intent HassDecreaseTimer
t td.w301 = [<xlead>] <w3z_tt> (减 个 | 扣 个 | 少 个 | 砍 个) <dur> [<w3z_end>]
t td.w302 = <xpre> 把 <w3z_tt> 往 回 (拨 | 调) <dur>
t td.w303 = <xpre> 让 <w3z_tt> 提早 <dur> (响 | 结束)
t td.w304 = <w3z_tt> (改 短 | 缩减 | 调 少) <dur> [<w3z_end>]
t td.w305 = <w3z_tt> (能 | 可以) (减 | 少 | 缩短) <dur> (吗 | 不) [？]
t td.w306 = (请 | 麻烦) 从 <w3z_tt> (里 | 上) (减少 | 减去 | 扣除) <dur>
t td.w307 = (火 开 得 比较 大 | 东西 不 多 | 量 比较 少 | 今天 做 得 少) ， <w3z_tt> (少 | 减) <dur> (就 够 了 | 就 行 了 | 吧)
t td.w308 = (我 赶 时间 | 等 不 及 了 | 我 急 着 出门) ， <w3z_tt> (减 | 缩短 | 少) <dur>
t td.w309 = <w3z_tt> 短 一点 ， (短 | 减) <dur> [<w3z_end>]
t td.w310 = <xpre> (帮 我 | 给 我) 把 <w3z_tt> (减 去 | 去 掉 | 缩 掉) <dur> (吧 | 好 吗)
t td.w311 = <w3z_tt> 的 时间 (太 多 了 | 有 点 长) ， (砍 | 去) (掉 | 个) <dur>
t td.w312 = <xpre> 把 <w3z_tt> (少 设 | 少 定) <dur>

intent HassCancelTimer
t tc.w301 = <xpre> (掐 了 | 掐 掉 | 关 停 | 叫 停) <w3z_tt> [<w3z_end>]
t tc.w302 = <xpre> 把 <w3z_tt> (掐 了 | 掐 掉 | 关 停 | 拿 掉) [<w3z_end>]
t tc.w303 = <w3z_tt> (甭 计 了 | 甭 要 了 | 不 用 计 了 | 别 再 计 了) [<w3z_end>]
t tc.w304 = (不 需要 | 用 不 到) <w3z_tt> 了 [， (删 | 关 | 撤) 了 吧]
t tc.w305 = (取消 | 关 掉 | 删 掉) (那个 | 刚才 的 | 我 的) 定时 [<w3z_end>] | 不 要 (那个 | 刚才 的) 定时 了
t tc.w306 = <w3z_tt> (直接 结束 | 提前 结束 | 结束 掉) (吧 | 得 了)
t tc.w307 = <timer> (不 要 | 别) 响 了 ！ (关 掉 关 掉 | 快 关 了 | 快 给 我 关 了)
t tc.w308 = {name:timer} (取消 了 | 不 弄 了 | 改 天 再 说) ， (那个 | 它 的) <timer> (也 | 就) (取消 吧 | 删 了 吧 | 关 了 吧)
t tc.w309 = 请 (停止 并 删除 | 取消 并 删除 | 彻底 删除) <w3z_tt>
t tc.w310 = <w3z_tt> ， (给 我 | 帮 我) (删 | 撤 | 关) 了 [它]

intent HassCancelAllTimers
t ta.w301 = <xpre> (把 | 将) [{area} (的 | 里 的)] <timer> (全 | 全部 | 都) (掐 了 | 掐 掉 | 停 了 | 结束 掉) [<w3z_end>]
t ta.w302 = 我 (定 的 | 设 的 | 开 的) <timer> (全 | 都 | 全都) (删 了 | 取消 了 | 不 要 了) [<w3z_end>]
t ta.w303 = [{area} (的 | 里 的)] (所有 | 全部) <timer> (一 键 清空 | 一下子 全 关 了 | 一次 全 删 了)
t ta.w304 = (能 | 可以) (一下子 | 一 口气) 把 [{area} 的] (所有 | 全部) <timer> (都 关 了 | 都 取消 掉 | 全 删 了) (吗 | 不) [？]
t ta.w305 = <timer> (太 多 了 | 乱 七 八 糟 的) ， (全部 | 统统 | 一 个 不 留) (清 掉 | 删 光 | 取消)
t ta.w306 = (家 里 | 屋 里 | {area} 里) (所有 | 全部 | 一切) [的] <timer> ， (都 给 我 | 全 给 我) (停 了 | 撤 了 | 掐 了)

intent HassPauseTimer
t tp.w301 = [<xlead>] <w3z_tt> 先 停 在 (这儿 | 这里 | 这) [<w3z_end>]
t tp.w302 = (有 人 敲门 | 快递 来 了 | 孩子 哭 了 | 电话 来 了 | 我 先 去 一趟 厕所) ， <w3z_tt> (先 | 快) (暂停 | 停 下 | 停 一下)
t tp.w303 = <xpre> 把 <w3z_tt> (设 成 | 调 到 | 切 到) 暂停 [状态]
t tp.w304 = <w3z_tt> 先 (别 动 了 | 别 跑 | 停 着 别 动)
t tp.w305 = 那个 <timer> 啊 ， 你 先 给 我 (停 一下 | 暂停 一下) (嘛 | 啊)
t tp.w306 = 你 能 (先 | 暂时) 把 <w3z_tt> (停 一下 | 暂停) (吗 | 不) [？]
t tp.w307 = <w3z_tt> (暂停 | 停) 一下 [，] (等 我 | 等 等 我) [<w3z_end>]
t tp.w308 = <xpre> 暂时 停止 <w3z_tt> [<w3z_end>]

intent HassUnpauseTimer
t tu.w301 = <w3z_tt> (从 刚才 停 的 地方 | 从 暂停 的 地方) (接着 | 继续) (走 | 计 | 倒数)
t tu.w302 = (可以 了 | 好 了) [，] <w3z_tt> (恢复 运行 | 恢复 走 时 | 重新 走)
t tu.w303 = <w3z_tt> 的 暂停 (取消 | 解除 | 去 掉) 吧
t tu.w304 = (快递 拿 到 了 | 我 忙 完 了 | 孩子 睡 着 了 | 事情 处理 完 了) ， <w3z_tt> (接着 计 | 继续 走 | 接着 走 吧)
t tu.w305 = 接着 (走 | 计 | 来) 吧 ， <w3z_tt>
t tu.w306 = 你 能 让 <w3z_tt> (接着 走 | 继续 计时) (吗 | 不) [？]
t tu.w307 = <xpre> 把 (暂停 的 | 停 着 的) <timer> (再 开 起来 | 开 动 起来 | 走 起来)
t tu.w308 = <w3z_tt> (别 歇 着 了 | 歇 够 了) ， (接着 干 | 接着 走 | 继续 吧)

intent HassTimerStatus
t ts.w301 = <w3z_tt> 还 剩 (几 分 几 秒 | 几 秒 | 几 个 小时 | 多少 分钟) [<w3z_end>] [？]
t ts.w302 = <w3z_tt> (还 早 吗 | 是 不 是 快 响 了 | 响 了 没 | 快 了 没) [？]
t ts.w303 = (现在 | 这会儿) (有 没 有 <timer> 在 (走 | 跑 | 计时) | 有 <timer> 在 (走 | 跑 | 计时) 吗) [？]
t ts.w304 = (瞧 瞧 | 瞅 一下 | 你 看 看) <w3z_tt> (还 有 多少 时间 | 走 到 哪 了 | 还 差 多少)
t ts.w305 = <w3z_tt> (跑 | 走) 得 (怎么样 | 咋样) 了 [？]
t ts.w306 = 离 <w3z_tt> (结束 | 响) 还 (差 | 剩) (几 分钟 | 多少 时间 | 多久) [？]
t ts.w307 = <w3z_tt> 的 状态 (是 什么 | 怎么样) [？] | 请 告诉 我 <w3z_tt> 的 剩余 时间
t ts.w308 = {name:timer} (到 点 了 吗 | 到 时间 了 没 | 时间 到 了 没) [？] | <w3z_tt> 还 有 几 分钟 (响 | 到 点) [？]

intent HassGetCurrentTime
t ti.w301 = (这 都 | 都) 几 点 了 [啊 | 呀] [？]
t ti.w302 = (现在 | 这会儿) 到 几 点 了 [？]
t ti.w303 = 现在 (啥 | 什么) 钟点 (了 | 啦) [？]
t ti.w304 = (我 要 赶 车 | 我 怕 迟到 | 我 得 出门 了 | 我 快 迟到 了) ， (现在 | 这会儿) 几 点 (了 | 啦) [？]
t ti.w305 = 现在 几 点 了 ， (告诉 我 一下 | 说 一声 | 报 一下)
t ti.w306 = (快 | 赶紧) (看 看 | 告诉 我) 几 点 了

intent HassGetCurrentDate
t da.w301 = (今天 | 今儿) 是 (多少 号 | 哪 一 号) [啊] [？]
t da.w302 = (星期 几 | 礼拜 几 | 周 几) (了 | 啦) 今天 [？]
t da.w303 = (我 要 填 个 表 | 要 写 个 日期 | 我 得 签 个 字) ， 今天 (几 号 | 是 几 月 几 号) [来着] [？]
t da.w304 = 今天 (几 号 | 礼拜 几 | 星期 几) ， (你 帮 我 | 帮 我) (查 一下 | 看 一下 | 看 看)
t da.w305 = (现在 | 今天) 到 几 月 几 号 了 [呀] [？]
t da.w306 = (日期 | 今天 的 日期) (告诉 我 | 报 一下 | 说 一下) [<w3z_end>]

intent HassGetWeather
t we.w301 = (外头 | 外边儿 | 外边) (天 | 天儿 | 天气) (咋样 | 怎么样 | 好 不) [啊] [？]
t we.w302 = (今天 | 外面) (闷 不 闷 | 潮 不 潮 | 湿度 大 吗 | 晒 不 晒 | 紫外线 强 吗 | 风 大 不 大) [？]
t we.w303 = {name:weather} (今天 | 现在 | 这会儿) (几 度 | 多少 度 | 冷 不 冷 | 热 不 热) [啊] [？]
t we.w304 = (我 要 回 | 我 打算 去 | 过 两 天 去) {name:weather} ， (那边 | 那儿) (天气 | 天儿) (怎么样 | 咋样 | 好 不 好) [？]
t we.w305 = [{name:weather} 的] 天气 (预报 | 情况) (帮 我 | 给 我) (查 一下 | 报 一下 | 念 念)
t we.w306 = (天气 预报 | 预报) (说 | 讲) (今天 | 明天) (有 雨 吗 | 怎么样 | 会 下雨 吗) [？]
t we.w307 = (今天 | 明天) (适合 (晾 衣服 | 洗 车 | 出去 玩) 吗 | 适 不 适合 (晾 衣服 | 洗 车 | 出去 玩)) [？]
t we.w308 = (现在 | 外面) (是 (阴天 | 晴天 | 多云) 吗 | 是 不 是 (阴天 | 晴天 | 多云) [啊]) [？]

# ---------- round 3 g4zh (zh-CN): vacuum area cleaning (给X吸个尘, X拖一下, 把X扫了), list removal without timer words (删一下/剔除/拿走/作废), mowing (打草/剃个头/返航), terse, topic-first, family and situation phrasings, chit-chat (ids *.w*) ----------
rule w4z_shop = <xshop> | 待 买 (清单 | 列表) | 要 买 的 (清单 | 单子) | 买 菜 (单 | 清单)
rule w4z_cl = 吸 个 尘 | 扫 个 地 | 拖 个 地 | 做 个 清洁 | 做 一下 清洁 | 搞 一下 卫生 | 除 一下 尘
rule w4z_vdock = 充电座 | 基座 | 座子 | 基站

intent HassVacuumCleanArea
t vc.w401 = <xpre> 给 {area} <w4z_cl> <g4z_end>
t vc.w402 = {area} (拖 一下 | 拖 拖 地 | 吸 个 尘 | 扫 个 地 | 吸尘 | 除 个 尘) [吧 | 呗]
t vc.w403 = <xpre> 把 {area} (扫 了 | 吸 了 | 拖 了 | 弄 干净 | 整 干净 | 清 一 清) <g4z_end>
t vc.w404 = [<xlead>] {area} (需要 | 得) (吸 个 尘 | 清扫 一下 | 扫 一 遍 | 拖 一 拖) (了 | 啦)
t vc.w405 = 先 (扫 | 吸 | 拖) {area} ， (别 的 地方 | 其他 房间 | 其他 的) (先 不 用 | 不 用 管 | 等 会儿 再 说)
t vc.w406 = ((能 不 能 | 可 不 可以) (去 | 到) {area} (扫 个 地 | 吸 个 尘 | 拖 个 地) [呀] | (能 | 可以) (去 | 到) {area} (扫 个 地 | 吸 个 尘 | 拖 个 地) 吗) [？]
t vc.w407 = ({area} 的 灰 | {area} 地上 的 灰 | {area} 地上 的 头发 | {area} 的 地毯) (吸 掉 | 吸 一下 | 扫 掉 | 清 一下) <g4z_end>
t vc.w408 = (待 会儿 有 客人 来 | 一会儿 来 人 | 晚上 要 请客) ， <xpre> 把 {area} (扫 一 遍 | 吸 一 遍 | 弄 干净)
t vc.w409 = (孩子 | 小孩 | 狗 | 猫) 把 {area} (弄 脏 了 | 搞 得 一 地 渣 | 弄 得 全 是 毛) ， (去 | 快 去 | 赶紧) (扫 一下 | 吸 一下 | 清理 一下)
t vc.w410 = <xpre> (清 | 吸 | 扫 | 拖) (一 遍 | 一下) {area}
t vc.w411 = {area} (那边 | 那块 | 那儿) (去 | 过去) (扫 扫 | 吸 吸 | 清理 一下 | 拖 一下) <g4z_end>
t vc.w412 = (扫 个 地 | 吸 个 尘 | 打扫 一下) ， {area} (就 行 | 就 好 | 那 块)
t vc.w413 = {area} (灰 好 大 | 有 点 脏 | 一 地 的 毛) ， (派 个 扫地机 | 叫 个 机器人) (过去 | 去) (扫 扫 | 吸 一下)
t vc.w414 = <xpre> (叫 | 让 | 安排) {name:vacuum} (给 {area} <w4z_cl> | 把 {area} 过 一 遍 | 去 {area} 拖 一下)
t vc.w415 = {name:vacuum} [，] ({area} | 去 {area}) (扫 一下 | 吸 一下 | 拖 一下 | 过 一 遍) <g4z_end>
t vc.w416 = [<xlead>] {area} (交给 | 就 交给) {name:vacuum} (扫 一下 | 打扫 一下 | 吸 一下 | 清扫) [吧]
t vc.w417 = {name:vacuum} (能 不 能 | 可 不 可以) (去 | 到) {area} (扫 一下 | 吸 个 尘 | 拖 个 地) [？]
t vc.w418 = (我 这 间 屋 | 这 间 屋 | 这 屋子 | 我 待 的 这 间 屋) (扫 一 遍 | 吸 个 尘 | 清扫 一下 | 拖 一下) <g4z_end>
t vc.w419 = <xpre> (给 | 把) (这儿 | 这里 | 这 间 房) (吸 个 尘 | 扫 一 遍 | 打扫 干净 | 清理 一下)
t vc.w420 = {area} 的 (地 | 地板) (给 我 | 帮 我) (吸 一 吸 | 拖 一 拖 | 扫 干净) <g4z_end>

intent HassListRemoveItem
t lr.w401 = <xpre> 删 一下 <list> (里 | 上) 的 {item}
t lr.w402 = <xpre> 把 {item} 从 <list> (里 | 中 | 上) (删去 | 剔除 | 去除 | 除掉 | 干掉)
t lr.w403 = <list> 里 的 {item} (作废 了 | 不 算 了) [，] (删 了 吧 | 拿 走 吧)
t lr.w404 = {item} (那 条 | 这 条 | 这 一 项) [，] (从 <list> 里 | 在 <list> 里) (删 了 它 | 删 喽 | 拿 下来 | 撤 下来)
t lr.w405 = <list> (里 | 上) (把 | 给) {item} (删 了 | 拿 走 | 删 喽 | 清理 掉) <g4z_end>
t lr.w406 = (别 | 不 要) 在 <list> (里 | 上) (留 着 | 记 着 | 放 着) {item} 了 [， (删掉 吧 | 去掉 吧)]
t lr.w407 = (我 | 我们) (不 需要 | 用 不 上) {item} 了 ， <list> (里 | 上) (删 一下 | 删掉 吧 | 拿 掉)
t lr.w408 = {item:task} 那 件 事 (泡汤 了 | 不 弄 了 | 先 不 搞 了) ， <list> 里 (删 了 吧 | 撤 了 吧 | 拿 掉 吧)
t lr.w409 = <xpre> (删去 | 剔除 | 去除 | 清理 掉) <list> (里 | 中 | 上) (的 | 那 项) {item}
t lr.w410 = <list> (里 | 上) (删 个 | 去掉 个 | 删 一 条) {item}
t lr.w411 = {item} (不 用 记 了 | 别 记 了) ， 从 <list> (里 | 上) (删去 | 抹去 | 去 了 | 拿 走)
t lr.w412 = (可以 | 能) (帮 忙 | 麻烦 你) 把 <list> (里 | 上) 的 {item} (删 一下 | 去 一下 | 拿 掉) 吗 [？]
t lr.w413 = <xpre> 把 {item} 给 (删 了 | 去 了 | 撤 了) ， (在 | 就 在) <list> (里 | 上)
t lr.w414 = (删除 | 删掉 | 去掉) {item} (从 | 在) <list> (里 | 上)
t lr.w415 = <list> (里 | 上) (有 | 写 着) (个 | 一 条) {item} ， (那 个 | 这 条) (删 了 | 不 要 ， 删掉)
t lr.w416 = <xpre> 在 <list> (里 | 上) 把 {item} (干掉 | 清理 掉 | 抹去 | 删去 | 删 喽)
t lr.w417 = <xpre> 把 {item} 从 <list> (里 | 上) (拿 下来 | 撤 下来 | 挪 走 | 拿 走)
t lr.w418 = (删 | 删掉 | 去掉) {item} ， <list> (里 的 | 上 的 | 那 条)

intent HassLawnMowerStartMowing
t lm.w401 = <xpre> (打 一下 草 | 打 打 草 | 除 一下 草 | 除 除 草 | 推 一下 草) <g4z_end>
t lm.w402 = <xpre> 给 (草坪 | 草地 | 院子) (剃 个 头 | 理 个 发 | 修 一 修)
t lm.w403 = (院子 里 的 草 | 草坪 | 后院 的 草) (该 割 了 | 得 剪 一 剪 了 | 要 修 一下 了) ， (去 吧 | 开始 吧 | 弄 一下)
t lm.w404 = (割草 | 除草 | 剪草) (走 起 | 开 干 | 搞 起来 | 开始 吧)
t lm.w405 = <xpre> (唤醒 | 叫醒 | 打开 一下) ({name:lawn_mower} | <g4z_mower>) [，] [(开始 | 去) (割草 | 干活)]
t lm.w406 = {name:lawn_mower} (去 | 出去) (把 草 割 了 | 把 草坪 修 一下 | 剪 剪 草 | 打 打 草) <g4z_end>
t lm.w407 = (我 | 我们) (要 | 想) (修 | 剪 | 割) (草坪 | 院子 里 的 草)
t lm.w408 = (可以 | 能) 帮 我 (割 个 草 | 剪 个 草 | 把 草 割 了) (吗 | 不) [？]
t lm.w409 = (周末 有 客人 来 | 明天 要 在 院子 里 烧烤 | 家 里 要 来 人) ， (先 | 提前) 把 草 (割 一下 | 修 好 | 剪 整齐)
t lm.w410 = <xpre> (开启 | 发动 | 开动 一下) {name:lawn_mower} [<xpost>]
t lm.w411 = {name:lawn_mower} (开 起来 | 转 起来 | 出动) <g4z_end>
t lm.w412 = (割草机 | 除草机 | 剪草机) (给 我 | 帮 我) (开 起来 | 启动 起来 | 开 了)
t lm.w413 = <xpre> (去 | 到) (院子 | 后院 | 前院 | 草坪 上) (割 一 圈 | 割 割 草 | 转 一 圈 割草)
t lm.w414 = (开始 吧 | 开 干 吧 | 动 起来 吧) ， (割草机 | {name:lawn_mower})

intent HassVacuumReturnToBase
t vb.w401 = <xpre> {name:vacuum} (回 去 歇 着 | 回 去 休息 | 歇 会儿 去 | 充 电 去) <g4z_end>
t vb.w402 = <xpre> 让 {name:vacuum} (自动 回充 | 执行 回充 | 开始 回充 | 一键 回充)
t vb.w403 = [<xlead>] {name:vacuum} (回充 | 自动 回充 | 回 基座 充电 去) <g4z_end>
t vb.w404 = <xpre> 把 {name:vacuum} (停 回 | 停 到 | 放 回 | 挪 回) <w4z_vdock> 上
t vb.w405 = (扫 完 了 | 扫 好 了 | 扫 得 差不多 了) [吧] ， (让 | 叫) {name:vacuum} (回 去 | 回 座子 | 回 基站 | 回 充电座)
t vb.w406 = (家里 来 客人 了 | 我 要 睡 了 | 孩子 在 睡觉 | 要 开 会 了) ， (让 | 叫) {name:vacuum} (先 回 去 | 回 充电座 待 着 | 回 基站 歇 着)
t vb.w407 = {name:vacuum} [，] (回 去 | 回 去 吧 | 赶紧 回 去 | 快 回 去) [！]
t vb.w408 = <xpre> 让 {area} (那 台 | 那 个 | 里 的) <g4z_vac> (回 去 歇 着 | 去 充 电 | 回充 | 停 回 座子 上)
t vb.w409 = {area} 的 <g4z_vac> (别 转 了 | 别 吸 了 | 停 下 吧) ， (回 | 回到) <g4z_dock> [去]
t vb.w410 = (可以 | 能 | 麻烦) 让 {name:vacuum} (回 去 充 个 电 | 先 回 基座 | 回 座子 上) 吗 [？]
t vb.w411 = <xpre> (给 我 | 帮 我) 把 {name:vacuum} (弄 回 去 | 叫 回 去 | 遣 回 去 | 收 回 去)
t vb.w412 = {name:vacuum} (电量 不 多 了 | 电量 低 了 | 只 剩 一 格 电 了 | 要 没 电 了) ， (回 去 充 电 吧 | 自己 回 去 充 吧 | 充 电 去)
t vb.w413 = <xpre> 让 {name:vacuum} (别 在 外面 晃 了 | 别 到处 跑 了 | 别 乱 转 了) ， 回 (<g4z_dock> | 它 的 窝) [去]
t vb.w414 = <xpre> 把 {area} 的 <g4z_vac> (停 回 | 放 回 | 开 回) <w4z_vdock> [上 | 去]

intent HassShoppingListAddItem
t sl.w401 = <xpre> (添加 | 放 | 写) {item} (到 | 进) <w4z_shop> [里 | 上]
t sl.w402 = {item} (记 上 | 写 进 | 添 进 | 列 上) <w4z_shop> <g4z_end>
t sl.w403 = 家里 {item} (告急 了 | 断 货 了 | 没 存货 了 | 不 多 了) ， <xpre> (记 到 | 添 到 | 写 到) <w4z_shop> (上 | 里)
t sl.w404 = <w4z_shop> (上 | 里) (多 加 | 多 写 | 多 记) (一 样 | 一 条 | 上) {item}
t sl.w405 = 顺便 (把 {item} 也 加 上 | 也 加 上 {item}) ， 购物 (清单 | 单) [里]
t sl.w406 = {item} (可以 | 能) (加 到 | 记 到 | 写 到) <w4z_shop> (里 | 上) (吗 | 不) [？]
t sl.w407 = (我 | 我们 家) (还 | 又) (缺 | 少) {item} ， (往 | 在) <w4z_shop> (里 | 上) (添 一 笔 | 补 一 笔 | 加 一 条)
t sl.w408 = <xpre> (给 | 往) 购物 (清单 | 单) (添 一 笔 | 补 一 笔 | 追加) [：] {item}
t sl.w409 = (孩子 | 小孩 | 老公 | 老婆 | 我 妈) (说 要 | 想 要 | 吵 着 要) {item} ， (加 到 | 记 到) <w4z_shop> (里 | 上) [吧]
t sl.w410 = <w4z_shop> ， {item} ， (加 | 添) [一下]
t sl.w411 = 购物 (清单 | 单) (帮 我 | 给 我) (加 上 | 添 上 | 记 上 | 加) {item}
t sl.w412 = <xpre> (把 | 将) {item} (添加 至 | 加 至 | 录入 到) 购物 (清单 | 列表)
t sl.w413 = (那个 | 哎) ， 你 (给 我 | 帮 我) 记 着 点 ， (买 | 要 买) {item} ， 放 购物 (单 | 清单) 里
t sl.w414 = (我 | 咱) 要 买 的 东西 里 (加 | 添 | 再 加) (上 | 个) {item}

intent HassShoppingListCompleteItem
t sc.w401 = <xpre> (在 | 给) {item} (前面 | 后面 | 旁边) (打 个 勾 | 画 个 勾 | 打 个 对勾 | 画 个 对号) [， 购物 (清单 | 单) 上 的]
t sc.w402 = <xpre> 把 [<w4z_shop> (上 | 里) 的] {item} (勾 了 | 划 了 | 打 上 对勾)
t sc.w403 = {item} (到 货 了 | 买 回来 啦 | 已经 放 冰箱 里 了 | 已经 拎 回 家 了) ， <xpre> (在 | 到) <w4z_shop> 上 (勾 一下 | 画 个 勾 | 标 成 已 购)
t sc.w404 = <xpre> <w4z_shop> 里 的 {item} (状态 改 成 | 设 为 | 标 为) (已 购 | 已 买 | 买 过 了)
t sc.w405 = {item} (也 | 顺便) 买 了 ， <w4z_shop> 上 (一起 | 也) (勾掉 | 划掉 | 勾 上)
t sc.w406 = <w4z_shop> 上 的 {item} (能 | 可以) 帮 我 (勾 一下 | 划 一下 | 打 勾) 吗 [？]
t sc.w407 = {item} [，] (买 了 | 已 买 | 已 购) [，] (勾 上 | 勾掉 | 打 勾)
t sc.w408 = <xpre> 完成 购物 (清单 | 单) (里 | 上) 的 {item}
t sc.w409 = (刚 去 了 | 刚刚 去 了) (超市 | 菜场 | 便利店) ， {item} (买 到 了 | 带 回来 了) ， <w4z_shop> (更新 一下 | 勾 一下)
t sc.w410 = 那个 {item} 啊 ， (买 回来 了 | 已经 买 了) ， 你 (给 | 帮) 我 (勾 一下 | 划 了)
t sc.w411 = {item} 已经 买 过 了 ， 别 再 (提醒 我 | 让 我 买) 了 ， (勾掉 吧 | 从 购物 单 上 划掉)
t sc.w412 = [<xlead>] 购物 (清单 | 单) 上 (帮 我 | 给 我) 把 {item} (勾 上 | 划 了 | 标 个 完成)

intent HassListAddItem
t la.w401 = <xpre> (在 | 往) <list> (里 | 上) (存 | 填 | 挂) (一 条 | 上) {item}
t la.w402 = {item} (放 | 搁 | 扔) <list> (里 | 上) [吧 | 去]
t la.w403 = <xpre> (把 | 将) {item} (加 | 放 | 写) 进 <list> (去 | 里 去)
t la.w404 = (提醒 我 | 我 要 记得) {item:task} ， (放 | 写) 到 <list> (里 | 上)
t la.w405 = <list> (里 | 上) (给 我 | 帮 我) (添 一 条 | 写 一 条 | 新建 一 条) [：] {item}
t la.w406 = {item:task} (这 事 | 这个) (别 让 我 忘 了 | 我 老 忘) ， (挂 | 放 | 记) 到 <list> (上 | 里) 吧
t la.w407 = <xpre> (加 | 添 | 记) (一 笔 | 一 条) {item} (到 | 进 | 在) <list> (里 | 上)
t la.w408 = <list> (里 | 上) (还 得 | 还 要) (记 | 加 | 添) (个 | 一 条) {item}
t la.w409 = (我们 | 咱们) 把 {item:task} (列 | 排) (进 | 到) <list> [里] (吧 | 好 不 好 | 行 吗)
t la.w410 = [<xlead>] {item} (记 | 写 | 加) <list> (上 | 里)

intent HassListCompleteItem
t lc.w401 = <xpre> 完成 <list> (里 | 上) 的 {item}
t lc.w402 = <xpre> 在 <list> (里 | 上) (给 {item} (打 个 对勾 | 画 个 勾 | 打 钩) | 把 {item} (勾 了 | 划 了))
t lc.w403 = {item:task} (我 | 我们) (整 完 了 | 弄 利索 了 | 做 掉 了 | 完事 了) ， (在 <list> 里 | <list> 上) (勾 了 吧 | 画 个 勾)
t lc.w404 = <list> (里 | 上) 的 {item} (能 | 可以) (帮 我 | 给 我) (勾 上 | 打 个 勾 | 划掉) 吗 [？]
t lc.w405 = <xpre> (在 <list> 里 | 到 <list> 上) 标 一下 {item:task} (做 完 了 | 已经 完成 了 | 已 完成)
t lc.w406 = {item} 这 项 (完成 啦 | 做 完 啦) [，] <list> (里 | 上) (更新 一下 | 改 一下)
t lc.w407 = (帮 我 | 给 我) (把 <list> 里 的 | 在 <list> 里 把) {item} (勾 了 | 划 了)
t lc.w408 = (孩子 | 老公 | 老婆 | 我 爸) 已经 把 {item:task} (做 了 | 弄 好 了) ， <list> (里 | 上) (勾掉 | 划掉 | 打 个 勾) [吧]

intent HassVacuumStart
t vs.w401 = <xpre> (唤醒 | 叫醒 | 开开) {name:vacuum} <g4z_end>
t vs.w402 = {name:vacuum} (干 活 去 | 开 扫 | 扫 起来 | 出 窝 干活 | 该 出来 扫 了) <g4z_end>
t vs.w403 = <xpre> 让 {name:vacuum} (开启 清扫 模式 | 进入 清扫 模式 | 开始 自动 清扫 | 执行 清扫 任务)
t vs.w404 = (家 里 | 地上 | 地板 上) (全 是 灰 | 都 是 猫 毛 | 脏 兮兮 的) ， <xpre> (把 {name:vacuum} 放 出去 | 让 {name:vacuum} 出来 溜 一 圈 | 让 {name:vacuum} 扫 起来)
t vs.w405 = <xpre> (打开 | 开 一下 | 启动) {area} (那 台 | 那 个 | 放 的) <g4z_vac>
t vs.w406 = ({area} | {floor}) (那 台 | 的) <g4z_vac> (干 活 | 开 扫 | 扫 起来) <g4z_end>
t vs.w407 = 我 要 出门 了 ， <xpre> 把 {floor} (的 | 那 台) <g4z_vac> (开 起来 | 启动 | 打开)
t vs.w408 = (快 | 赶紧) (让 | 把) {name:vacuum} (开 起来 | 动 起来 | 扫 起来) [啊 | 呀]

intent HassLawnMowerDock
t ld.w401 = <xpre> (让 | 叫) (<g4z_mower> | {name:lawn_mower}) 返航 <g4z_end>
t ld.w402 = (<g4z_mower> | {name:lawn_mower}) (回 去 歇 着 | 回 去 休息 | 撤 回来 | 停 回 去 | 回充) <g4z_end>
t ld.w403 = <xpre> 把 (<g4z_mower> | {name:lawn_mower}) (停 回 | 开 到 | 挪 回) (基站 | 充电站 | 充电 桩) (上 | 那儿 | 去)
t ld.w404 = (草 割 完 了 | 院子 割 好 了 | 割 得 差不多 了) ， (<g4z_mower> | {name:lawn_mower}) (可以 回 去 了 | 回 基站 吧 | 收 回 去 吧)
t ld.w405 = (外面 下 雨 了 | 起 风 了 | 院子 里 有 狗 | 有 人 在 院子 里 烧烤) ， (快 | 赶紧) (让 (<g4z_mower> | {name:lawn_mower}) 回 去 | 把 (<g4z_mower> | {name:lawn_mower}) 撤 回来 | 让 (<g4z_mower> | {name:lawn_mower}) 回 基站)
t ld.w406 = (今天 | 先) (就 割 到 这儿 | 割 这么 多 就 行 了) ， (让 | 叫) (<g4z_mower> | {name:lawn_mower}) 回 (去 | 基站 | 充电站)
t ld.w407 = (麻烦 你 | 请 你 | 劳驾) (让 | 叫) (<g4z_mower> | {name:lawn_mower}) (回 基站 | 回 充电站 | 回 去 充电) [， (谢谢 | 好 吗)]
t ld.w408 = <xpre> (割草机 | 割草 机器人 | {name:lawn_mower}) (回充 | 充电 去 | 去 充 个 电)

intent HassNevermind
t nm.w401 = (拉倒 吧 | 得 了 得 了 | 罢了 罢了 | 甭 管 了 | 甭 弄 了) [！]
t nm.w402 = (什么 都 不 用 做 | 啥 也 别 干 | 你 先 别 动) [，] [算了]
t nm.w403 = (不好意思 | 对不起) ， (叫 错 了 | 误 触 了 | 按 错 了 | 喊 错 了)
t nm.w404 = (刚才 说 的 | 刚才 那个) (作废 | 不 算 数 | 别 管 它) [了]
t nm.w405 = (没 事 了 | 好 了) ， (你 休息 吧 | 你 歇 着 吧 | 继续 待命 吧)
t nm.w406 = (嗯 | 呃 | 那) ， (不 弄 了 | 不 搞 了 | 先 这样 吧 | 下次 再 说)

intent HassRespond
t re.w401 = (多 谢 多 谢 | 谢 了 啊 | 谢谢 哦 | 谢谢 您 | 感恩) [！]
t re.w402 = (完美 | 太 棒 了 | 好 极 了 | 真 给力 | 牛 | 666) [！]
t re.w403 = (嗯 嗯 | 好 的 好 的 | OK | 好 滴 | 行 吧 | 得 嘞) [， 谢谢] [！]
t re.w404 = (您 好 | 哈喽 哈喽 | 嗨 嗨 | 你 好 哇) [， 小 助手] [！]
t re.w405 = (明天 见 | 下次 见 | 一会儿 见 | 拜 拜 啦) [！]
t re.w406 = (辛苦 辛苦 | 有 你 真 好 | 你 最 棒 了 | 给 你 点 个 赞) [！]

intent none chat
t no.w401 = (你 几 岁 了 | 你 生日 是 哪 天 | 你 是 哪里 人 | 你 有 小名 吗) [？]
t no.w402 = (一 美元 换 多少 人民币 | 八 乘 九 是 多少 | 一百 的 百分 之 十五 是 多少 | 房贷 怎么 算) [？]
t no.w403 = (给 我 出 道 数学 题 | 考考 我 的 英语 单词 | 教 我 说 一 句 日语 | 用 英语 怎么 说 谢谢)
t no.w404 = (帮 我 写 一 张 请假 条 | 帮 我 想 个 生日 祝福 | 给 我 起 个 网名 | 帮 我 写 首 诗)
t no.w405 = (中秋节 为什么 吃 月饼 | 春节 为什么 要 放 鞭炮 | 端午节 吃 什么 | 元宵 和 汤圆 有 什么 区别) [？]
t no.w406 = (我 手机 找 不 到 了 | 我 钥匙 丢 了 | 我 眼镜 放 哪 了 | 我 的 钱包 呢)
t no.w407 = (宝宝 发烧 了 怎么 办 | 感冒 了 吃 什么 药 | 头疼 怎么 缓解 | 血压 多少 算 正常) [？]
t no.w408 = (明天 想 请 假 | 我 想 辞职 | 我 想 出去 旅游 | 我 想 养 只 猫)
t no.w409 = (我 这 件 衣服 好看 吗 | 我 今天 发型 怎么样 | 我 是 不 是 长 高 了) [？]
t no.w410 = (打扫 卫生 好 累 啊 | 家务 永远 做 不 完 | 今天 又 是 我 洗 碗 | 我 最 讨厌 拖地 了)
t no.w411 = (扫地 机器人 能 拖 地 吗 | 扫地机 的 尘盒 多久 倒 一次 | 扫地 机器人 的 滤网 怎么 换 | 扫地机 卡住 了 怎么 办) [？]
t no.w412 = (购物 清单 这个 功能 怎么 用 | 待办 事项 是 什么 意思 | 列 清单 有 什么 好处 | 你 会 记 账 吗) [？]
t no.w413 = (我们 家 谁 最 爱 干净 | 你 觉得 谁 该 洗 碗 | 今天 轮到 谁 做饭 了) [？]
t no.w414 = (世界 上 最 大 的 动物 是 什么 | 企鹅 会 飞 吗 | 蜜蜂 为什么 会 跳舞 | 鲸鱼 是 鱼 吗) [？]
t no.w415 = (给 我 一点 鼓励 | 夸夸 我 | 安慰 我 一下 | 说 句 好听 的)
t no.w416 = (我 今天 跑 了 五 公里 | 我 刚 做 完 饭 | 我 家 猫 生 小猫 了 | 孩子 今天 考 了 一百 分)
t no.w417 = (你 会 修 电脑 吗 | 你 能 帮 我 倒 杯 水 吗 | 你 能 帮 我 看 孩子 吗 | 你 能 陪 我 下棋 吗) [？]
t no.w418 = ({any} 是 不 是 该 换 了 | {any} 保修 几 年 | {any} 耗电 多 吗 | {any} 是 谁 送 的) [？]
t no.w419 = (十二 生肖 有 哪些 | 属 狗 的 性格 怎么样 | 星座 准 不 准 | 你 是 什么 星座) [？]
t no.w420 = (我 想 学 做 蛋糕 | 教 我 包 饺子 | 红烧 鱼 放 几 勺 糖 | 米饭 和 水 的 比例 是 多少) [？]
