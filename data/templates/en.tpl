# English templates for `hub-train data` (grammar: data/README.md).
# rule NAME = ...   adds alternatives to <NAME>; "rule!" alternatives are held-out only.
# t ID = ...        a template of the current intent; "t!" templates are held-out only.
# All phrasings written for hubd by its engineers.

# ---------- shared pieces ----------
rule please = please | can you | could you | would you | can you please | could you please | would you please | hey | ok | okay | i want you to | i'd like you to | go ahead and | kindly
rule! please = pretty please | do me a favour and | be a dear and | if you could
rule pre = [<please>]
rule pre = [<please>]
rule pre = [<please>]
rule pre = [<please>]
rule pre = <filler> [,] [<please>]
# spoken fillers, as speech-to-text writes them
rule filler = um | uh | so | hmm | well | oh | okay so | right
rule! filler = er | erm | uhh
rule post = [please | thanks | thank you | now | right now | for me | for me please | quickly | asap]
rule! post = [when you can | cheers | would you]
rule the = the | my | our
rule det = [<the>]
rule all = all [of] [the] | every | all the | each
rule! all = the whole set of | any and all
rule in = in | in the | inside the | at the | for the | within the
rule! in = over in the | down in the | out in the
rule on = on | on the | across the | throughout the
rule! on = all over the | everywhere on the
rule in_area = <in> {area}
rule on_floor = <on> {floor}
rule! on_floor = on {floor} level

rule lights = {domain=light} (lights | light | lamps | lamp | lighting | light bulbs | bulbs)
rule! lights = {domain=light} (lightbulbs | lamps and lights | overhead lights)
rule fans = {domain=fan} (fans | fan | ceiling fan | ceiling fans)
rule! fans = {domain=fan} (ventilator | ventilators)
rule ldom = <lights> | <lights> | <fans>
rule coverkind = {domain=cover,device_class=blind} (blinds | blind | venetian blinds) | {domain=cover,device_class=curtain} (curtains | curtain) | {domain=cover,device_class=shade} (shades | shade | roller shades) | {domain=cover,device_class=shutter} (shutters | shutter) | {domain=cover,device_class=garage} (garage door | garage doors | garage) | {domain=cover,device_class=window} (windows | window) | {domain=cover,device_class=awning} (awning | awnings) | {domain=cover,device_class=gate} (gate | gates)
rule! coverkind = {domain=cover,device_class=curtain} (drapes | draperies) | {domain=cover,device_class=shade} (sun shades | window shades) | {domain=cover,device_class=blind} (roller blinds)

rule dev = {name:light,switch,fan,media_player,input_boolean}
rule onoff_tgt = <det> <dev> | <det> <dev> <in_area> | <det> <dev> <on_floor> | [<all>] <det> <ldom> | [<all>] <det> <ldom> <in_area> | [<all>] the {area} <ldom> | {area} <ldom> | [<all>] <det> <ldom> <on_floor> | the {floor} <ldom>
rule! onoff_tgt = <det> <ldom> over in the {area} | whatever <ldom> are in the {area} | <det> <dev> that's in the {area}
rule cover_tgt = <det> {name:cover} | <det> {name:cover} <in_area> | <det> {name:cover} <on_floor> | [<all>] <det> <coverkind> | <det> <coverkind> <in_area> | the {area} <coverkind> | <det> <coverkind> <on_floor> | the {floor} <coverkind>

# ---------- on / off ----------
intent HassTurnOn
t on.1 = <pre> (turn | switch | power) on <onoff_tgt> <post>
t on.2 = <pre> (turn | switch | flip) <onoff_tgt> on <post>
t on.3 = <onoff_tgt> on [please]
t on.4 = i (want | need | would like) <onoff_tgt> on
t on.5 = <pre> (put | get) <onoff_tgt> on <post>
t on.6 = <pre> (open | raise | lift | pull up | roll up) <cover_tgt> <post>
t on.7 = <pre> lock <det> {name:lock} [<in_area>] <post>
t on.8 = <pre> (open | turn on) <det> {name:valve} [<in_area>] <post>
t on.9 = <pre> (activate | turn on | set | apply | start) <det> {name:scene} [scene | mode] <post>
t on.10 = <pre> (run | execute | start | launch | trigger) <det> {name:script} [script | routine] <post>
t on.11 = <pre> (switch | turn) on <det> {name:climate} [<in_area>] <post>
t on.12 = (lights on | light on) {domain=light} [please]
t on.13 = <pre> let there be light {domain=light}
t on.14 = <pre> make sure <det> {name:lock} is locked
t on.15 = (can | could) (we | i) get some light (in here | <in_area>) {domain=light}
t on.16 = <lights> on (<in_area> | <on_floor>) [please]
t on.17 = {area} <ldom> on [please]
t! on.h1 = <pre> (activate | enable | fire up | power up) <onoff_tgt> <post>
t! on.h2 = (could | can) (we | i) (have | get) <onoff_tgt> on
t! on.h3 = <pre> (open up | draw back | crack open) <cover_tgt> <post>
t! on.h4 = <pre> secure <det> {name:lock}
t! on.h5 = (it's | it is) too dark [in here] , (turn | switch) on <onoff_tgt>
t! on.h6 = <pre> kick off <det> {name:script} | <pre> (enable | switch to) <det> {name:scene} [scene]
t! on.h7 = <pre> open <det> {name:valve}

intent HassTurnOff
t off.1 = <pre> (turn | switch | power | shut) off <onoff_tgt> <post>
t off.2 = <pre> (turn | switch | shut) <onoff_tgt> off <post>
t off.3 = <onoff_tgt> off [please]
t off.4 = i (want | need) <onoff_tgt> off
t off.5 = <pre> (kill | cut | disable | deactivate) <onoff_tgt> <post>
t off.6 = <pre> (close | lower | shut | pull down | roll down) <cover_tgt> <post>
t off.7 = <pre> unlock <det> {name:lock} [<in_area>] <post>
t off.8 = <pre> (close | shut | turn off) <det> {name:valve} [<in_area>] <post>
t off.9 = <pre> (turn | switch | shut) (off | down) (everything | all the lights) {domain=light} [in the house | everywhere | in the whole house]
t off.10 = (lights off | light off) {domain=light} [please]
t off.11 = <pre> (switch | turn) off <det> {name:climate} [<in_area>] <post>
t off.12 = (lights out | everything off) {domain=light} [please]
t off.13 = <pre> unlock <det> {name:lock} (for me | now)
t off.14 = (we are | we're) going to (bed | sleep) , (turn | switch) off <onoff_tgt>
t! off.h1 = <pre> (disable | power down | turn down) <onoff_tgt> <post>
t! off.h2 = (nobody | no one) is (using | in) the {area} , (turn | switch) off <det> <ldom>
t! off.h3 = <pre> (draw | pull) <cover_tgt> (shut | closed) <post>
t! off.h4 = <pre> let me in , unlock <det> {name:lock}
t! off.h5 = <pre> make sure <onoff_tgt> (is | are) off
t! off.h6 = <pre> shut <det> {name:valve}

# ---------- state ----------
intent HassGetState
rule onoff_state = on {state=on} | off {state=off} | switched on {state=on} | turned off {state=off}
rule open_state = open {state=open} | closed {state=closed} | shut {state=closed}
rule lock_state = locked {state=locked} | unlocked {state=unlocked}
rule bs_state = open {state=on} | closed {state=off} | on {state=on} | off {state=off}
rule be = is | is there | are
t st.1 = <pre> (what is | what's | tell me) <det> {name:sensor,climate,media_player,light,switch,fan,cover,lock,valve} [reading | status | value | level] [?]
t st.2 = (what is | what's) the (status | state | reading) of <det> {name} [?]
t st.3 = is <det> {name:light,switch,fan} <onoff_state> [?]
t st.4 = is <det> {name:cover,valve} <open_state> [?]
t st.5 = is <det> {name:lock} <lock_state> [?]
t st.6 = is <det> {name:cover,lock} [<in_area> | <on_floor>] (<open_state> | <lock_state>) [?]
t st.7 = is <det> {name:binary_sensor} [<in_area> | <on_floor>] <bs_state> [?]
t st.8 = where is {name:person} [right now | at the moment] [?]
t st.9 = is {name:person} (home {state=home} | at home {state=home} | away {state=not_home} | out {state=not_home}) [?]
t st.10 = (are | is) (any | all | the) <lights> <onoff_state> [<in_area> | <on_floor>] [?]
t st.11 = (which | what) <lights> are <onoff_state> [<in_area> | <on_floor>] [?]
t st.12 = (are | is) (any | all | the) <fans> <onoff_state> [<in_area> | <on_floor>] [?]
t st.13 = (are | is) (any | all | the) (switches | switch) {domain=switch} <onoff_state> [<in_area> | <on_floor>] [?]
t st.14 = (are | is) (all | the | any) (locks | doors) {domain=lock} <lock_state> [<in_area> | <on_floor>] [?]
t st.15 = (who is | who's | is anyone | is anybody | is somebody) (home | at home | in the house) {domain=person} {state=home} [?]
t st.16 = (are | is) (any | all | the) <coverkind> <open_state> [<in_area> | <on_floor>] [?]
t st.17 = how many <lights> are <onoff_state> [<in_area> | <on_floor>] [?]
t st.18 = did i leave <det> {name:light,switch,fan} on {state=on} [?]
t st.19 = did i (lock {state=locked} | forget to lock {state=unlocked}) <det> {name:lock} [?]
t st.20 = (how | what) is <det> {name:sensor} (doing | reading | showing | at) [?]
t st.21 = is (anybody | anyone | someone) (home | in) {domain=person} {state=home} [right now] [?]
t st.22 = (has | did) {name:person} (go out {state=not_home} | leave {state=not_home} | get home {state=home} | come home {state=home}) [yet] [?]
t st.23 = (is | are) <det> {name:light,switch,fan} still <onoff_state> [?]
t! st.h1 = (can you check | check | do you know) (if | whether) <det> {name:light,switch,fan} is <onoff_state>
t! st.h2 = (can you check | check | do you know) (if | whether) <det> {name:cover,valve} is <open_state>
t! st.h3 = (has | have) <det> {name:lock} [<in_area>] been <lock_state> [?]
t! st.h4 = (give me | show me) the (status | state) of <det> {name}
t! st.h5 = (any | are there any) <lights> (still on {state=on} | left on {state=on} | off {state=off}) [<in_area> | <on_floor>] [?]
t! st.h6 = (are | is) <det> <coverkind> [<in_area> | <on_floor>] (still | currently) <open_state> [?]
t! st.h7 = (is | has) {name:person} (home {state=home} | gone out {state=not_home} | left {state=not_home}) [yet] [?] | (find | locate) {name:person}
t! st.h8 = (has | is) <det> {name:binary_sensor} [<in_area> | <on_floor>] (open {state=on} | closed {state=off} | triggered {state=on}) [?]
t! st.h9 = (which | what) (locks | doors) {domain=lock} are <lock_state> [<in_area> | <on_floor>] [?] | anyone (home | around) {domain=person} {state=home} [?]
t! st.h10 = (are | is) the (switches | plugs) {domain=switch} [<in_area> | <on_floor>] <onoff_state> [?] | (are | is) the <fans> [<in_area> | <on_floor>] <onoff_state> [?]

# ---------- position ----------
intent HassSetPosition
t pos.1 = <pre> (set | move | put | adjust) <cover_tgt> to {position} <post>
t pos.2 = <pre> (open | raise | lower | close) <cover_tgt> (to | at) {position} <post>
t pos.3 = <pre> (set | move) <det> {name:valve} [<in_area>] to {position}
t pos.4 = (open | set) <cover_tgt> {position} [open] [please]
t! pos.h1 = <pre> (bring | slide | take) <cover_tgt> to {position} <post>
t! pos.h2 = i want <cover_tgt> (at | to be at) {position}
t! pos.h3 = <pre> (open | close) <det> {name:valve} to {position}

# ---------- lights ----------
intent HassLightSet
rule light_tgt = <det> {name:light} | [<all>] <det> <lightsd> | <det> <lightsd> <in_area> | the {area} <lightsd> | <det> <lightsd> <on_floor> | the {floor} <lightsd>
rule lightsd = {domain=light} (lights | light | lamps | lamp | lighting | bulbs)
rule! lightsd = {domain=light} (overhead lights | light fixtures)
rule bright = brightness | brightness level | light level
rule color = {color} | the color {color} | {color} color
t ls.1 = <pre> (set | change | adjust | put) <light_tgt> [<bright>] to {brightness} <post>
t ls.2 = <pre> (set | change | adjust) [the] <bright> of <light_tgt> to {brightness} <post>
t ls.3 = <pre> (dim | brighten | turn up | turn down) <light_tgt> to {brightness} <post>
t ls.4 = <pre> (set | put | change) [the] <bright> to {brightness} {domain=light} [<in_area> | <on_floor>] <post>
t ls.5 = <pre> (make | turn | set | change) <light_tgt> [to] <color> <post>
t ls.6 = <pre> (change | switch) the (colour | color) of <light_tgt> to {color} <post>
t ls.7 = <pre> (set | change) the (light | lights) (color | colour) to {color} {domain=light} [<in_area> | <on_floor>] <post>
t ls.8 = <pre> (set | change | adjust) <light_tgt> to {temperature:kelvin} <post>
t ls.9 = <pre> (set | change) the color temperature (of | for) <light_tgt> to {temperature:kelvin} <post>
t ls.10 = <pre> (set | change) the color temperature to {temperature:kelvin} {domain=light} [<in_area> | <on_floor>]
t ls.11 = {brightness} (brightness | percent brightness) [for | on] <light_tgt>
t ls.12 = <light_tgt> (at | to) {brightness} [please]
t! ls.h1 = <pre> (bring | take) <light_tgt> (up | down) to {brightness} <post>
t! ls.h2 = i (want | need | would like) <light_tgt> (at | to be) {brightness}
t! ls.h3 = <pre> (paint | bathe) <light_tgt> in {color} | <pre> give <light_tgt> a {color} (glow | tint)
t! ls.h4 = <pre> i'd like <light_tgt> to be {color}
t! ls.h5 = <pre> (warm | cool) <light_tgt> to {temperature:kelvin}
t! ls.h6 = <pre> (dim | brighten) (it | things) (down | up) to {brightness} {domain=light} [<in_area> | <on_floor>]
t! ls.h7 = <pre> make it {color} {domain=light} [<in_area> | <on_floor>] | <pre> make everything {temperature:kelvin} {domain=light} [<in_area> | <on_floor>]

# ---------- climate ----------
intent HassClimateSetTemperature
rule heat = temperature | thermostat | heat | heating | temp | air conditioning | ac
t ct.1 = <pre> (set | change | adjust | put) the <heat> to {temperature} <post>
t ct.2 = <pre> (set | change | adjust) the <heat> (<in_area> | <on_floor>) to {temperature} <post>
t ct.3 = <pre> (set | change | adjust) <det> {name:climate} to {temperature} <post>
t ct.4 = <pre> make it {temperature} [in here | <in_area> | <on_floor>] <post>
t ct.5 = (heat | cool | warm) [up] the (house | place | room) to {temperature} | (heat | cool | warm) [up] the {area} to {temperature}
t ct.6 = {temperature} (in here | <in_area> | <on_floor>) please
t ct.7 = (it's | it is) (cold | freezing | too hot | boiling) , set <det> {name:climate} to {temperature}
t ct.8 = (it's | it is) (cold | freezing | too hot | boiling) [in here] , (set | put) the <heat> (to | at) {temperature} [<in_area> | <on_floor>]
t! ct.h1 = <pre> i (want | need) it (to be | at) {temperature} [<in_area> | <on_floor>]
t! ct.h2 = <pre> (bump | turn | crank) the <heat> (up | down) to {temperature} [<in_area> | <on_floor>]
t! ct.h3 = <pre> set <det> {name:climate} (at | to) {temperature}

intent HassClimateGetTemperature
t cg.1 = (what is | what's) the (temperature | temp) [in here | inside | <in_area> | <on_floor>] [?]
t cg.2 = how (warm | cold | hot) is it [in here | inside | <in_area> | <on_floor>] [?]
t cg.3 = (what is | what's) <det> {name:climate} (set to | at | reading) [?]
t cg.4 = (what is | what's) the temperature (of | on) <det> {name:climate} [?]
t cg.5 = (tell me | give me) the (temperature | temp) [in here | <in_area> | <on_floor>]
t! cg.h1 = (is it | it is) (warm | cold) [in here | <in_area> | <on_floor>] [?]
t! cg.h2 = how many degrees is it [in here | <in_area> | <on_floor>] [?]
t! cg.h3 = (what's | what is) <det> {name:climate} showing [?]

# ---------- lists ----------
intent HassShoppingListAddItem
t sl.1 = <pre> add {item} to [my | the] shopping list <post>
t sl.2 = <pre> put {item} on [my | the] shopping list <post>
t sl.3 = (shopping list | to the shopping list) add {item}
t sl.4 = <pre> (remember | don't let me forget) to buy {item}
t sl.5 = (we're | we are) out of {item} , (add | put) (it | that) (to | on) the shopping list
t! sl.h1 = we (need | are out of | ran out of) {item} , add (it | that) to the shopping list
t! sl.h2 = <pre> stick {item} on [my | the] shopping list

intent HassShoppingListCompleteItem
t sc.1 = <pre> (check off | cross off | tick off | mark off) {item} (on | from) [my | the] shopping list <post>
t sc.2 = <pre> mark {item} as (done | bought | complete) on [my | the] shopping list
t sc.3 = i (bought | got | picked up) {item} [, check it off the shopping list]
t! sc.h1 = {item} is (done | in the cart) , (tick | check) it off [my | the] shopping list
t! sc.h2 = <pre> complete {item} on [my | the] shopping list

intent HassListAddItem
rule list = {name:todo} [list]
t la.1 = <pre> add {item} to [my | the] <list> <post>
t la.2 = <pre> put {item} on [my | the] <list> <post>
t la.3 = (on | to) [my | the] <list> add {item}
t! la.h1 = <pre> (stick | write) {item} (on | in) [my | the] <list>
t! la.h2 = <pre> (jot down | note) {item} (on | in) [my | the] <list>

intent HassListCompleteItem
t lc.1 = <pre> (check off | cross off | tick off | mark off) {item} (on | from) [my | the] <list> <post>
t lc.2 = <pre> mark {item} as (done | complete | finished) (on | in) [my | the] <list>
t! lc.h1 = {item} is done , (tick | check) it off [my | the] <list>
t! lc.h2 = <pre> complete {item} (on | in) [my | the] <list>

intent HassListRemoveItem
t lr.1 = <pre> (remove | delete | take) {item} (from | off) [my | the] <list> <post>
t lr.2 = <pre> (get rid of | drop) {item} (from | on) [my | the] <list>
t! lr.h1 = <pre> (erase | scratch) {item} (from | off) [my | the] <list>
t! lr.h2 = {item} (shouldn't | should not) be on [my | the] <list> , remove it

# ---------- weather, time, date ----------
intent HassGetWeather
t we.1 = (what's | what is | how's | how is) the weather [like] [today | outside | right now] [?]
t we.2 = (what's | what is | how's | how is) the weather (in | at | for) {name:weather} [?]
t we.3 = (tell me | give me) the weather [forecast] [for {name:weather}]
t we.4 = (is it | will it be) (sunny | raining | cold | warm) outside [?]
t! we.h1 = (what's | how's) it (like | looking) outside [?] | (do i | will i) need an umbrella [today] [?]
t! we.h2 = (weather | forecast) (report | update) [for {name:weather}] [please]

intent HassGetCurrentTime
t ti.1 = what time is it [now | right now] [?]
t ti.2 = (what's | what is) the time [now] [?]
t ti.3 = <pre> tell me the time
t ti.4 = (do you know | have you got) the time [?]
t! ti.h1 = (time | the time) [please | check] [?]
t! ti.h2 = how late is it [?]

intent HassGetCurrentDate
t da.1 = (what's | what is) (the date | today's date) [today] [?]
t da.2 = what (day | date) is it [today] [?]
t da.3 = <pre> tell me the date
t! da.h1 = (which | what) day of the (month | week) is it [?]
t! da.h2 = (date | the date) [please] [?]

# ---------- vacuum and mower ----------
intent HassVacuumStart
rule vac = vacuum | robot vacuum | robot | hoover | vacuum cleaner | roomba
t vs.1 = <pre> (start | run | turn on) <det> {name:vacuum} <post>
t vs.3 = <pre> (start | run) the <vac> (<in_area> | <on_floor>) <post>
t vs.4 = <pre> (send | get) <det> {name:vacuum} (to work | cleaning | going)
t! vs.h1 = <pre> let the <vac> (loose | do its thing) [<in_area> | <on_floor>]
t! vs.h2 = <pre> (fire up | kick off) <det> {name:vacuum}

intent HassVacuumReturnToBase
t vb.1 = <pre> (send | take) <det> {name:vacuum} (home | back to (the | its) (dock | base | charger)) <post>
t vb.2 = <pre> (dock | park) <det> {name:vacuum} <post>
t vb.3 = <pre> send the <vac> <in_area> (home | back to (the | its) dock)
t! vb.h1 = <pre> (tell | make) <det> {name:vacuum} (go home | return to base | go back to the dock)
t! vb.h2 = <pre> (stop and dock | recall) the <vac> <in_area>

intent HassVacuumCleanArea
t vc.1 = <pre> (vacuum | clean | hoover) <det> {area} <post>
t vc.2 = <pre> (vacuum | clean | hoover) (here | in here | this room | the room i'm in) <post>
t vc.3 = <pre> (have | let | tell) <det> {name:vacuum} (clean | vacuum | do) the {area}
t! vc.h1 = the {area} (needs | could use) (vacuuming | a clean | cleaning)
t! vc.h2 = <pre> (send | get) <det> {name:vacuum} to (clean | do) the {area} | this room (needs | could use) (vacuuming | a clean)

intent HassLawnMowerStartMowing
t lm.1 = <pre> (start | begin) mowing [the lawn] <post>
t lm.2 = <pre> mow the (lawn | grass | yard | garden) <post>
t lm.3 = <pre> (start | run) <det> {name:lawn_mower} <post>
t lm.4 = <pre> (start | run) the (mower | lawn mower | robot mower) <post>
t! lm.h1 = the (grass | lawn) needs (cutting | a trim) | <pre> (cut | trim) the (grass | lawn)
t! lm.h2 = <pre> (send | get) <det> {name:lawn_mower} (mowing | to work)

intent HassLawnMowerDock
t ld.1 = <pre> (dock | park) the (mower | lawn mower | robot mower) <post>
t ld.2 = <pre> (send | take) <det> {name:lawn_mower} (home | back to (the | its) (dock | base)) <post>
t ld.3 = <pre> stop mowing [and go home]
t ld.4 = <pre> (dock | park) <det> {name:lawn_mower} <post>
t! ld.h1 = <pre> (call | bring) the (mower | lawn mower) (back | home)
t! ld.h2 = <pre> (tell | make) <det> {name:lawn_mower} (go home | return to base)

# ---------- media ----------
rule mp_tgt = [on | in] <det> {name:media_player} | <in_area>
rule mp_what = the music | the song | the movie | the show | the tv | the video | the podcast | playback | it | this
rule! mp_what = the track | the episode | whatever is playing

intent HassMediaPause
t mpa.1 = <pre> (pause | stop) [<mp_what>] <post>
t mpa.2 = <pre> (pause | stop) [<mp_what>] <mp_tgt> <post>
t mpa.3 = <pre> pause <det> {name:media_player} <post>
t mpa.4 = <pre> (hold | freeze) [<mp_what>] [<mp_tgt>]
t mpa.5 = (hold on | one sec | wait a second) , (pause | stop) [<mp_what>] [<mp_tgt>]
t! mpa.h1 = <pre> (put | hit) [<mp_what>] (on hold | pause) [<mp_tgt>]
t! mpa.h2 = (wait | hang on) , pause [<mp_what>] [<mp_tgt>]

intent HassMediaUnpause
t mun.1 = <pre> (resume | unpause | continue) [<mp_what>] <post>
t mun.2 = <pre> (resume | unpause | continue) [<mp_what>] <mp_tgt> <post>
t mun.3 = <pre> (keep | start) playing [<mp_what>] [<mp_tgt>]
t mun.4 = <pre> resume <det> {name:media_player}
t! mun.h1 = <pre> (pick up | carry on) where (we | i) left off [<mp_tgt>]
t! mun.h2 = <pre> (play | start) [<mp_what>] again [<mp_tgt>]

intent HassMediaNext
t mnx.1 = <pre> (next | skip) [track | song | episode | this] <post>
t mnx.2 = <pre> (play the next | skip to the next | go to the next) (song | track | episode | one) [<mp_tgt>] <post>
t mnx.3 = <pre> skip [this | the] (song | track) [<mp_tgt>]
t mnx.4 = <pre> next (song | track) [<mp_tgt>]
t! mnx.h1 = <pre> (move | jump) (on | ahead) to the next (one | song | track) [<mp_tgt>]
t! mnx.h2 = (i don't like this | not this one) , skip [it] [<mp_tgt>]

intent HassMediaPrevious
t mpr.1 = <pre> (previous | back) [track | song | episode] <post>
t mpr.2 = <pre> (play the previous | go back to the previous | go to the last) (song | track | episode | one) [<mp_tgt>] <post>
t mpr.3 = <pre> (go back | rewind) (a | one) (song | track) [<mp_tgt>]
t mpr.4 = <pre> previous (song | track) [<mp_tgt>]
t! mpr.h1 = <pre> (replay | play again) the (last | previous) (song | track | one) [<mp_tgt>]
t! mpr.h2 = <pre> jump back (a | one) (song | track) [<mp_tgt>]

intent HassSetVolume
rule vol = volume | sound | volume level
t sv.1 = <pre> (set | change | put | turn) the <vol> to {volume_level} <post>
t sv.2 = <pre> (set | change) the <vol> (on | of) <det> {name:media_player} to {volume_level} <post>
t sv.3 = <pre> (set | change) the <vol> <in_area> to {volume_level} <post>
t sv.4 = <vol> (to | at) {volume_level} [<mp_tgt>] [please]
t sv.5 = <pre> (set | turn) <det> {name:media_player} (to | at) {volume_level} <vol>
t! sv.h1 = <pre> (make | adjust) the <vol> {volume_level} [<mp_tgt>]
t! sv.h2 = <pre> i want the <vol> at {volume_level} [<mp_tgt>]

intent HassSetVolumeRelative
rule vup = {volume_step=up} (turn up | raise | increase | boost | pump up)
rule vdown = {volume_step=down} (turn down | lower | decrease | reduce)
rule vtgt = [<in_area> | <on_floor> | on <det> {name:media_player}]
t vr.1 = <pre> (<vup> | <vdown>) the <vol> <vtgt> <post>
t vr.2 = <pre> (turn | crank) (it | the volume | the music | the tv) (up {volume_step=up} | down {volume_step=down}) <vtgt> <post>
t vr.3 = <pre> (<vup> | <vdown>) <det> {name:media_player} <post>
t vr.4 = <pre> (louder {volume_step=up} | quieter {volume_step=down} | softer {volume_step=down}) [please]
t vr.5 = <pre> (turn up | increase | raise) the <vol> by {volume_step:up} <vtgt> <post>
t vr.6 = <pre> (turn down | decrease | lower) the <vol> by {volume_step:down} <vtgt> <post>
t vr.7 = <pre> (turn | crank) (up | down) <det> {name:media_player} (a bit | a little) {volume_step=up}
t vr.8 = <pre> make (it | the music | the tv) (louder {volume_step=up} | quieter {volume_step=down}) <vtgt>
t vr.9 = (a little | a bit | just a bit) (louder {volume_step=up} | quieter {volume_step=down} | softer {volume_step=down}) [<vtgt>] [please]
t! vr.h1 = (i can't hear | i can barely hear) (it | the music | the tv) {volume_step=up} <vtgt>
t! vr.h2 = (it's | it is) too loud {volume_step=down} <vtgt>
t! vr.h3 = <pre> (bump | push) the <vol> up by {volume_step:up} <vtgt> | <pre> (drop | bring) the <vol> down by {volume_step:down} <vtgt>

intent HassMediaPlayerMute
t mu.1 = <pre> mute [the] [tv | music | sound | speaker | it] <post>
t mu.2 = <pre> mute <det> {name:media_player} <post>
t mu.3 = <pre> (silence | turn off the sound on) <det> {name:media_player}
t! mu.h1 = <pre> (kill | cut) the (sound | audio)
t! mu.h2 = <pre> put <det> {name:media_player} on mute

intent HassMediaPlayerUnmute
t um.1 = <pre> unmute [the] [tv | music | sound | speaker | it] <post>
t um.2 = <pre> unmute <det> {name:media_player} <post>
t um.3 = <pre> (turn the sound back on | bring the sound back) [on <det> {name:media_player}]
t! um.h1 = <pre> take <det> {name:media_player} off mute
t! um.h2 = <pre> (restore | give me back) the (sound | audio)

intent HassMediaSearchAndPlay
rule mplace = [on <det> {name:media_player}] [<in_area>]
t ms.1 = <pre> play {search_query} <mplace> <post>
t ms.2 = <pre> (put on | start playing | i want to hear | i want to listen to) {search_query} <mplace>
t ms.3 = <pre> play (the album {media_class=album} {search_query:album} | the song {media_class=track} {search_query:track} | the track {media_class=track} {search_query:track} | the playlist {media_class=playlist} {search_query:playlist} | the movie {media_class=movie} {search_query:movie} | the podcast {media_class=podcast} {search_query:podcast} | the show {media_class=tv_show} {search_query:tv_show}) <mplace> <post>
t ms.4 = <pre> play [some] (music | songs) by {media_class=artist} {search_query:artist} <mplace>
t ms.5 = <pre> play {search_query:playlist} playlist {media_class=playlist} <mplace>
t ms.6 = <pre> (watch | put on) (the movie {media_class=movie} {search_query:movie} | the show {media_class=tv_show} {search_query:tv_show}) <mplace>
t! ms.h1 = <pre> (queue up | throw on) {search_query} <mplace>
t! ms.h2 = <pre> (let's | let us) (hear | listen to) (the album {media_class=album} {search_query:album} | some {media_class=artist} {search_query:artist} | {search_query}) <mplace>
t! ms.h3 = <pre> (stream | start) (the podcast {media_class=podcast} {search_query:podcast} | the series {media_class=tv_show} {search_query:tv_show} | {search_query}) <mplace>

# ---------- broadcast, respond, nevermind ----------
intent HassBroadcast
t bc.1 = <pre> (broadcast | announce) [that] {message}
t bc.2 = <pre> (tell | let) everyone (know) [that] {message}
t bc.3 = (broadcast | announcement) : {message}
t! bc.h1 = <pre> (shout | call out) to (the house | everyone) [that] {message}
t! bc.h2 = <pre> make an announcement [that] {message}

intent HassRespond
t re.1 = (thank you | thanks | thanks a lot | cheers | great thanks) [!]
t re.2 = (hello | hi | hi there | hey there | good morning | good evening) [!]
t! re.h1 = (nice one | good job | well done | much appreciated) [!]

intent HassNevermind
t nm.1 = (never mind | nevermind | forget it | forget that | cancel that | nothing) [!]
t nm.2 = (oh | ah | no) , never mind
t nm.3 = (ignore that | scratch that | don't worry about it)
t! nm.h1 = (no need | sorry , my mistake | i changed my mind | wrong button)
t! nm.h2 = (stop listening | that was not for you)

# ---------- timers ----------
rule dur = {hours} | {minutes} | {seconds} | {hours} [and] {minutes} | {hours} and {seconds} | {minutes} and {seconds} | {hours} , {minutes} and {seconds}
rule sdur = {start_hours} | {start_minutes} | {start_seconds}
rule timer_tgt = [<the>] timer | the {name:timer} timer | the timer (for | called | named) {name:timer} | [the | my] <sdur> timer | the timer <in_area> | the {area} timer
rule! timer_tgt = the timer i set for {name:timer} | the timer (for | of) <sdur>

intent HassStartTimer
t tm.1 = <pre> (set | start | create | make) a timer for <dur> <post>
t tm.2 = <pre> (set | start) a <dur> timer <post>
t tm.3 = <pre> (set | start) a {name:timer} timer for <dur> <post>
t tm.4 = <pre> (set | start) a timer (for | called | named) {name:timer} for <dur>
t tm.5 = timer (for | of) <dur> [please]
t tm.6 = <dur> timer [please]
t tm.7 = (in | after) <dur> {conversation_command}
t tm.8 = <pre> {conversation_command} in <dur>
t tm.9 = <pre> (time | count down) <dur> [for {name:timer}]
t tm.10 = <pre> (alert | buzz | notify | ping) me (in | after) <dur>
t tm.11 = <pre> (give me | i need | i want) a <dur> {name:timer} timer
t! tm.h1 = <pre> (wake me | remind me | ping me | let me know) in <dur> <post>
t! tm.h2 = <pre> (give me | count down) <dur> for (the | my) {name:timer}
t! tm.h3 = <pre> wait <dur> (and then | then) {conversation_command}
t! tm.h4 = <pre> (need | want) a timer for <dur> [for (the | my) {name:timer}]

intent HassCancelTimer
t tc.1 = <pre> (cancel | stop | delete | remove | kill) <timer_tgt> <post>
t tc.2 = <timer_tgt> (cancel | off | stop) [please]
t! tc.h1 = <pre> (get rid of | scrap | abort) <timer_tgt>
t! tc.h2 = i (don't need | no longer need) <timer_tgt> [anymore]

intent HassCancelAllTimers
t ta.1 = <pre> (cancel | stop | delete | clear | remove) (all | every) [the | my] (timers | timer) [<in_area>] <post>
t ta.2 = <pre> (clear | reset) [all] [the | my] timers [<in_area>]
t! ta.h1 = <pre> (get rid of | scrap) all [the | my] timers [<in_area>]
t! ta.h2 = (no more | kill all the) timers [<in_area>] [please]

intent HassIncreaseTimer
t ti+.1 = <pre> add <dur> to <timer_tgt> <post>
t ti+.2 = <pre> (extend | increase) <timer_tgt> by <dur> <post>
t ti+.3 = <pre> (give me | put) <dur> more on <timer_tgt>
t! ti+.h1 = <pre> (tack on | stick on) (another | an extra) <dur> (to | on) <timer_tgt>
t! ti+.h2 = <pre> (lengthen | stretch) <timer_tgt> by <dur>

intent HassDecreaseTimer
t td.1 = <pre> (remove | subtract | take off | take away) <dur> from <timer_tgt> <post>
t td.2 = <pre> (decrease | reduce | shorten) <timer_tgt> by <dur> <post>
t td.3 = <pre> (knock | take) <dur> off <timer_tgt>
t! td.h1 = <pre> (cut | trim) <dur> (off | from) <timer_tgt>
t! td.h2 = <pre> make <timer_tgt> <dur> shorter

intent HassPauseTimer
t tp.1 = <pre> (pause | hold | freeze) <timer_tgt> <post>
t tp.2 = <timer_tgt> (pause | on hold) [please]
t! tp.h1 = <pre> put <timer_tgt> on hold
t! tp.h2 = <pre> stop the clock on <timer_tgt>

intent HassUnpauseTimer
t tu.1 = <pre> (resume | unpause | continue | restart) <timer_tgt> <post>
t tu.2 = <pre> (start | get) <timer_tgt> (going | running) again
t! tu.h1 = <pre> (take | bring) <timer_tgt> off hold
t! tu.h2 = <pre> let <timer_tgt> (continue | keep going | run again)

intent HassTimerStatus
t ts.1 = how (much | long) (time is | is) (left | remaining) on <timer_tgt> [?]
t ts.2 = (what's | what is) the status of <timer_tgt> [?]
t ts.3 = how long (until | till) <timer_tgt> (is done | goes off | rings | finishes) [?]
t ts.4 = (timer status | check the timer | how are my timers doing) [?]
t! ts.h1 = how (much | long) (longer | more) (on | for) <timer_tgt> [?]
t! ts.h2 = (is | has) <timer_tgt> (done | finished | almost done) [yet] [?]

# ---------- fans ----------
intent HassFanSetSpeed
rule fanw = fan | fans | ceiling fan | fan speed
t fs.1 = <pre> (set | change | put | adjust) the <fanw> [speed] to {percentage} <post>
t fs.2 = <pre> (set | change | put | adjust) the <fanw> [speed] (<in_area> | <on_floor>) to {percentage} <post>
t fs.3 = <pre> (set | change | put) <det> {name:fan} [speed] to {percentage} <post>
t fs.4 = (fan | fans) (at | to) {percentage} [<in_area> | <on_floor>] [please]
t! fs.h1 = <pre> (run | spin) the <fanw> at {percentage} [<in_area> | <on_floor>]
t! fs.h2 = <pre> (run | spin) <det> {name:fan} at {percentage}

# ---------- null answers ----------
intent none chat
t no.1 = (tell me a joke | sing me a song | how are you | what's your name | who made you | are you a robot) [?]
t no.2 = (what's | what is) the (capital of france | meaning of life | square root of sixteen | population of china) [?]
t no.3 = (who won the game last night | what's on tv tonight | how tall is mount everest | who is the president) [?]
t no.4 = <pre> (order a pizza | call my mother | book a table for two | send an email to my boss | buy more coffee online)
t no.5 = (i love you | you're funny | that's interesting | i had a long day | i'm bored | i'm hungry)
t no.6 = (what can you do | how do you work | do you dream | can you hear me) [?]
t no.7 = (translate hello into spanish | spell necessary | how do you make pancakes | recommend a good book)
t no.8 = (when is my dentist appointment | how much is a flight to paris | what's the stock price of apple) [?]
t no.9 = (the {any} is (nice | old | new) | i bought a new {any} yesterday | my {any} was expensive)
t! no.h1 = (do you like music | what is your favourite colour | can you keep a secret | are you listening) [?]
t! no.h2 = (how far is the moon | why is the sky blue | what year is it in china) [?]
t! no.h3 = <pre> (text my brother | find a recipe for soup | check my email | read me the news)

intent none unknown_device
t nx.1 = <pre> (turn | switch) on the {missing:light} <post>
t nx.2 = <pre> (turn | switch) off the {missing:switch} <post>
t nx.3 = <pre> (open | close) the {missing:cover} <post>
t! nx.h1 = <pre> (start | stop) the {missing:fan}

# ---------- more training phrasings (data2): indirect requests, questions, new verbs, word
# orders; none of them repeats a held-out ('!') phrasing ----------
# own rule names, so that the held-out split (which takes every alternative of a shared rule)
# and data/eval/generated stay as they were
rule xplease = could you go ahead and | i need you to | will you | can i get you to | please go ahead and | hub please | hub , | just | quickly
rule xfiller = ah | hey so | yeah | yeah so | actually | oh hey | alright so | now | ok um
rule xlead = <filler> [,] | <xfiller> [,]
rule xpre = [<please>] | [<xplease>] | <xlead> [<please> | <xplease>]
rule xpost = <post> | [if you can | if possible | for us | okay | thanks a bunch | now please | at once | thank you so much]

intent HassTurnOn
t on.x1 = [<xlead>] (can | could | would) you (turn | switch) on <onoff_tgt> [for me] [?]
t on.x2 = <onoff_tgt> (needs | need) to be on
t on.x3 = <onoff_tgt> , on [please]
t on.x4 = <xpre> (turn | switch) on <onoff_tgt> and leave (it | them) on
t on.x5 = <xpre> (raise | open) <cover_tgt> (all the way | fully) [up]
t on.x6 = <xpre> (bolt | latch) <det> {name:lock} [<in_area>]
t on.x7 = <xpre> i'd like <onoff_tgt> (on | turned on | switched on)
t on.x8 = <xpre> (turn | switch) on <onoff_tgt> (too | as well)
t on.x9 = <xpre> (switch | turn) <onoff_tgt> back on
t on.x10 = <xpre> (start up | boot up) <onoff_tgt> <xpost>

intent HassTurnOff
t off.x1 = [<xlead>] (can | could | would) you (turn | switch) off <onoff_tgt> [for me] [?]
t off.x2 = <onoff_tgt> , off [please]
t off.x3 = <xpre> (turn | switch) <onoff_tgt> back off
t off.x4 = <xpre> i'd like <onoff_tgt> (off | turned off | switched off)
t off.x5 = <xpre> (lower | close) <cover_tgt> (all the way | fully) [down]
t off.x6 = <xpre> (unbolt | unlatch) <det> {name:lock} [<in_area>]
t off.x7 = <xpre> (turn | switch) off <onoff_tgt> (too | as well)
t off.x8 = <xpre> (power | shut) down <onoff_tgt> <xpost>
t off.x9 = <onoff_tgt> (needs | need) to be off

intent HassGetState
t st.x1 = (tell me | let me know) (if | whether) <det> {name:light,switch,fan} is <onoff_state>
t st.x2 = is <det> {name:cover,valve} <open_state> right now [?]
t st.x3 = (what's | what is) <det> {name:sensor} (saying | at right now) [?]
t st.x4 = (is | are) <det> {name:lock} [<in_area>] <lock_state> or not [?]
t st.x5 = (is | are) <det> {name:light,switch,fan} <onoff_state> or not [?]
t st.x6 = (is | are) {name:person} (in | around | back) {state=home} [yet] [?]
t st.x7 = (status | state) of <det> {name} [?]

intent HassLightSet
t ls.x1 = [<xlead>] (can | could) you (set | put) <light_tgt> (to | at) {brightness} [?]
t ls.x2 = <light_tgt> {brightness} [please]
t ls.x3 = <xpre> (go | switch) to {color} (on | for) <light_tgt>
t ls.x4 = <xpre> (brightness | light level) {brightness} (on | for) <light_tgt>
t ls.x5 = <xpre> (dim | lower) <light_tgt> (down to | to about) {brightness}
t ls.x6 = <xpre> (set | put) <light_tgt> on {color}

intent HassClimateSetTemperature
t ct.x1 = [<xlead>] (can | could) you set the <heat> to {temperature} [?]
t ct.x2 = <xpre> (thermostat | heating | heat) (to | at) {temperature} [<in_area> | <on_floor>] [please]
t ct.x3 = <xpre> keep (it | the house | the room) at {temperature} [<in_area> | <on_floor>]

intent HassClimateGetTemperature
t cg.x1 = (how hot | how cold | how warm) is the house [right now | at the moment] [?]
t cg.x2 = (what's | what is) the (current | indoor | inside) temperature [<in_area> | <on_floor>] [?]
t cg.x3 = (temperature | temp) (<in_area> | <on_floor>) [?]
t cg.x4 = (can you | could you) (check | tell me) the temperature [<in_area> | <on_floor>] [?]

intent HassShoppingListAddItem
t sl.x1 = <xpre> (i | we) need to (buy | pick up) {item}
t sl.x2 = <xpre> (add | put) {item} (on | to) our shopping list
t sl.x3 = <xpre> {item} (on | to) the shopping list [please]
t sl.x4 = [<xlead>] (can | could) you add {item} to the shopping list [?]

intent HassShoppingListCompleteItem
t sc.x1 = <xpre> (strike | cross) {item} off [my | the] shopping list
t sc.x2 = [<xlead>] (can | could) you check off {item} (on | from) the shopping list [?]

intent HassListAddItem
t la.x1 = [<xlead>] (can | could) you add {item} to [my | the] <list> [?]
t la.x2 = <xpre> (add | put) {item} (in | into) [my | the | our] <list>
t la.x3 = <xpre> (include | append) {item} (on | to) [my | the] <list>

intent HassListCompleteItem
t lc.x1 = [<xlead>] (can | could) you check off {item} (on | in | from) [my | the] <list> [?]
t lc.x2 = <xpre> (cross | check | tick | mark) {item} off [my | the] <list>
t lc.x3 = [<xlead>] {item} (on | in) [my | the] <list> is (done | finished)

intent HassListRemoveItem
t lr.x1 = [<xlead>] (can | could) you (remove | delete) {item} from [my | the] <list> [?]
t lr.x2 = <xpre> (take | strike) {item} out of [my | the] <list>
t lr.x3 = <xpre> (delete | remove) the {item} (entry | item) from [my | the] <list>

intent HassGetWeather
t we.x1 = (what's | what is) the (forecast | weather forecast) [for today] [?]
t we.x2 = (is it | will it be) (hot | windy | cloudy | snowing) [today | outside] [?]
t we.x3 = <xpre> (check | get) the weather [for {name:weather}]

intent HassGetCurrentTime
t ti.x1 = (can | could) you tell me (the time | what time it is) [?]
t ti.x2 = (what's | what is) the current time [?]
t ti.x3 = <xpre> (give me | check) the (time | current time)

intent HassGetCurrentDate
t da.x1 = (can | could) you tell me (the date | what day it is | today's date) [?]
t da.x2 = (what's | what is) today [?]
t da.x3 = <xpre> (give me | check) (the date | today's date)

intent HassVacuumStart
t vs.x1 = [<xlead>] (can | could) you (start | run) <det> {name:vacuum} [?]
t vs.x2 = <xpre> (turn on | switch on) the <vac> (<in_area> | <on_floor>)

intent HassVacuumReturnToBase
t vb.x1 = [<xlead>] (can | could) you send <det> {name:vacuum} (home | back to (the | its) dock) [?]
t vb.x2 = <xpre> (send | put) <det> {name:vacuum} (on | to) (the | its) (charger | charging station)

intent HassVacuumCleanArea
t vc.x1 = [<xlead>] (can | could) you (vacuum | clean) <det> {area} [?]
t vc.x2 = <xpre> (do | run) a (clean | vacuum) (of | in) <det> {area}

intent HassLawnMowerStartMowing
t lm.x1 = [<xlead>] (can | could) you (start | run) <det> {name:lawn_mower} [?]
t lm.x2 = <xpre> (get | have) the (mower | lawn mower) (going | started)

intent HassLawnMowerDock
t ld.x1 = [<xlead>] (can | could) you (dock | park) <det> {name:lawn_mower} [?]
t ld.x2 = <xpre> (send | put) the (mower | lawn mower | robot mower) (back | home) [to (the | its) (dock | base)]

intent HassMediaPause
t mpa.x1 = [<xlead>] (can | could) you pause [<mp_what>] [<mp_tgt>] [?]
t mpa.x2 = <xpre> (stop | pause) (playing | playback) [<mp_tgt>]

intent HassMediaUnpause
t mun.x1 = [<xlead>] (can | could) you (resume | unpause) [<mp_what>] [<mp_tgt>] [?]
t mun.x2 = <xpre> (resume | continue) (playing | playback) [<mp_tgt>]

intent HassMediaNext
t mnx.x1 = [<xlead>] (can | could) you skip (this | the) (song | track) [<mp_tgt>] [?]
t mnx.x2 = <xpre> (next one | skip ahead) [please] [<mp_tgt>]

intent HassMediaPrevious
t mpr.x1 = [<xlead>] (can | could) you go back (a | one) (song | track) [<mp_tgt>] [?]
t mpr.x2 = <xpre> (last | previous) one [please] [<mp_tgt>]

intent HassSetVolume
t sv.x1 = [<xlead>] (can | could) you set the <vol> to {volume_level} [<mp_tgt>] [?]
t sv.x2 = <xpre> <vol> {volume_level} [<mp_tgt>] [please]

intent HassSetVolumeRelative
t vr.x1 = [<xlead>] (can | could) you (turn | make) (it | the volume | the music) (up {volume_step=up} | down {volume_step=down}) <vtgt> [?]
t vr.x2 = <xpre> (more volume {volume_step=up} | less volume {volume_step=down}) <vtgt> [please]

intent HassMediaPlayerMute
t mu.x1 = [<xlead>] (can | could) you mute [<det> {name:media_player}] [?]
t mu.x2 = <xpre> (turn | switch) off the (sound | audio) [on <det> {name:media_player}]
t mu.x3 = <xpre> (sound | audio) off [please]

intent HassMediaPlayerUnmute
t um.x1 = [<xlead>] (can | could) you unmute [<det> {name:media_player}] [?]
t um.x2 = <xpre> (sound | audio) (back on | on) [please]

intent HassMediaSearchAndPlay
t ms.x1 = [<xlead>] (can | could) you play {search_query} <mplace> [?]
t ms.x2 = <xpre> (i'd like to hear | how about | can i hear) {search_query} <mplace>
t ms.x3 = <xpre> play me {search_query} <mplace>

intent HassBroadcast
t bc.x1 = <xpre> (announce | broadcast) to (everyone | the house | all rooms) [that] {message}
t bc.x2 = <xpre> (tell | let) (the whole house | everybody | the family) [know] [that] {message}
t bc.x3 = <xpre> (send | make) a broadcast [saying | that] {message}

intent HassRespond
t re.x1 = (thanks so much | thank you very much | awesome | perfect | nice | cool | great) [!]
t re.x2 = (good night | good afternoon | howdy | hello there) [!]

intent HassNevermind
t nm.x1 = (never mind that | forget about it | no thanks | that's all | i'm good | nothing , thanks) [!]
t nm.x2 = (oops | whoops | sorry) , (never mind | ignore that | forget it)

intent HassStartTimer
t tm.x1 = [<xlead>] (can | could) you set a timer for <dur> [?]
t tm.x2 = <xpre> (set | start) (a | the) timer to <dur>
t tm.x3 = <xpre> <dur> on the clock [please]
t tm.x4 = <xpre> (start | set) a countdown (of | for) <dur> [for {name:timer}]
t tm.x5 = <xpre> (set | start) a timer for <dur> (called | named | for) {name:timer}
t tm.x6 = <xpre> (after | in) <dur> , {conversation_command}

intent HassCancelTimer
t tc.x1 = [<xlead>] (can | could) you (cancel | stop) <timer_tgt> [?]
t tc.x2 = <xpre> (turn off | switch off | end) <timer_tgt>

intent HassCancelAllTimers
t ta.x1 = [<xlead>] (cancel | stop | delete) (all of | every one of) my timers [<in_area>]
t ta.x2 = <xpre> (turn off | end) all [the | my] timers [<in_area>]

intent HassIncreaseTimer
t ti+.x1 = <xpre> make <timer_tgt> <dur> longer
t ti+.x2 = [<xlead>] (can | could) you add <dur> to <timer_tgt> [?]

intent HassDecreaseTimer
t td.x1 = [<xlead>] (can | could) you take <dur> off <timer_tgt> [?]
t td.x2 = <xpre> (shave | drop) <dur> off <timer_tgt>

intent HassPauseTimer
t tp.x1 = [<xlead>] (can | could) you pause <timer_tgt> [?]
t tp.x2 = <xpre> (suspend | halt) <timer_tgt>

intent HassUnpauseTimer
t tu.x1 = [<xlead>] (can | could) you (resume | unpause) <timer_tgt> [?]
t tu.x2 = <xpre> (unfreeze | un-pause) <timer_tgt>

intent HassTimerStatus
t ts.x1 = (how's | how is) <timer_tgt> (doing | coming along) [?]
t ts.x2 = (when | at what time) (will | does) <timer_tgt> (go off | end | ring) [?]

intent HassFanSetSpeed
t fs.x1 = [<xlead>] (can | could) you set <det> {name:fan} to {percentage} [?]
t fs.x2 = <xpre> turn the <fanw> to {percentage} [<in_area> | <on_floor>]
t fs.x3 = <xpre> {percentage} (on | for) <det> {name:fan}

intent HassSetPosition
t pos.x1 = [<xlead>] (can | could) you (set | move) <cover_tgt> to {position} [?]
t pos.x2 = <xpre> <cover_tgt> (to | at) {position} [please]

intent none chat
t no.x1 = (what's | what is) (two plus two | the weather on mars | your star sign | the best movie ever) [?]
t no.x2 = (can you | could you) (do my homework | drive me to work | cook dinner | walk the dog | feed the cat) [?]
t no.x3 = (how old are you | where do you live | do you have friends | are you alive | what time zone is tokyo in) [?]
t no.x4 = (i think it's going to rain | my back hurts | the game was great | work was busy today | dinner was delicious)
t no.x5 = (who wrote hamlet | how deep is the ocean | why do cats purr | how do magnets work) [?]
t no.x6 = (what do you think about the {any} | is the {any} expensive | where did i buy the {any}) [?]

intent none unknown_device
t nx.x1 = <xpre> (dim | brighten) the {missing:light}
t nx.x2 = <xpre> (lock | unlock) the {missing:lock}
t nx.x3 = <xpre> (start | stop) the {missing:vacuum}
t nx.x4 = is the {missing:light} (on | off) [?]
t nx.x5 = <xpre> (turn | switch) (on | off) the {missing:fan}

# ---------- still more training phrasings (h4): plain forms without lead-in (so that "turn on
# the lights" stays frequent however many templates an intent has), area or object first,
# "let's", "would you mind", telegraphic forms, disfluencies; written to avoid every held-out
# ('!') verb and frame of the same intent ----------
# vocatives only: xpre also leads statements ("i need to buy ...")
rule xplease = ok hub | hey hub | alright | real quick , | hub , please
rule xfiller = like | you know | uh so | um so | ok so | so um | hmm ok | right so | anyway
rule xpost = [real quick | if you don't mind | please and thank you | thanks hub | ok ? | alright ? | for me thanks]
# a spoken restart: "turn on the, um, the kitchen lights"
rule xuh = , um , | , uh , | um | uh | , like ,

intent HassTurnOn
t on.x11 = (turn | switch) on <onoff_tgt>
t on.x12 = (turn | switch) <onoff_tgt> on
t on.x13 = <in_area> , <xpre> (turn | switch | put) on <det> <ldom> [<xpost>]
t on.x14 = <onoff_tgt> , (turn | switch | put) (it | them) on [please]
t on.x15 = let's (turn | switch | put) on <onoff_tgt>
t on.x16 = would you mind (turning | switching | putting) on <onoff_tgt> [?]
t on.x17 = <xpre> (flip | flick) on <onoff_tgt> <xpost>
t on.x18 = <xpre> light up the {area} {domain=light} <xpost>
t on.x19 = i can't see (anything | a thing) [in here] , (turn | switch) on <det> <lights> [<in_area>]
t on.x20 = <xpre> (turn | switch) on <onoff_tgt> (real quick | for a bit | for a while)
t on.x21 = <xpre> (put | roll | pull) <cover_tgt> up <xpost>
t on.x22 = <xpre> lock up <det> {name:lock} [<in_area>] | <xpre> (lock | bolt) <det> {name:lock} (for the night | before bed | now)
t on.x23 = <xpre> (switch | turn) <det> {name:valve} on [<xpost>]
t on.x24 = <xpre> (put on | turn on | load | bring up) <det> {name:scene} [scene | mode | setting]
t on.x25 = <xpre> (do | perform | carry out) <det> {name:script} [script | routine]
t on.x26 = <xpre> (start | power on) <det> {name:climate} [<in_area>]
t on.x27 = (can | could | will) you (flip | put) on <onoff_tgt> [?]
t on.x28 = i (wanna | want to | need to) (turn | switch) on <onoff_tgt>
t on.x29 = (turn | switch) on <xuh> <onoff_tgt>
t on.x30 = (turn on | switch on) <xuh> (turn | switch) on <onoff_tgt>
t on.x31 = <onoff_tgt> on <xpost>

intent HassTurnOff
t off.x10 = (turn | switch) off <onoff_tgt>
t off.x11 = (turn | switch) <onoff_tgt> off
t off.x12 = <in_area> , <xpre> (turn | switch | shut) off <det> <ldom> [<xpost>]
t off.x13 = <onoff_tgt> , (turn | switch | shut) (it | them) off [please]
t off.x14 = let's (turn | switch | shut) off <onoff_tgt>
t off.x15 = would you mind (turning | switching | shutting) off <onoff_tgt> [?]
t off.x16 = <xpre> (flip | flick) off <onoff_tgt> <xpost>
t off.x17 = <xpre> (cut | kill) the power to <onoff_tgt>
t off.x18 = <xpre> (stop | shut off) <det> {name:fan,climate} [<in_area>]
t off.x19 = <xpre> (put | roll | pull) <cover_tgt> down <xpost>
t off.x20 = (i'm | we're) (leaving | heading out | off to bed | done for the day) , (turn | switch | shut) off <onoff_tgt>
t off.x21 = (turn | switch) off <xuh> <onoff_tgt>
t off.x22 = <xpre> (shut off | switch off) <det> {name:valve} [<in_area>] | <xpre> (stop | cut) the water (at | on) <det> {name:valve}
t off.x23 = <xpre> (turn | switch) off <onoff_tgt> (real quick | for now | for the night)
t off.x24 = i (wanna | want to | need to) (turn | switch) off <onoff_tgt>
t off.x25 = (can | could | will) you (flip | shut) off <onoff_tgt> [?]
t off.x26 = <lights> off (<in_area> | <on_floor>) [please]
t off.x27 = <onoff_tgt> off <xpost>
t off.x28 = <xpre> (open | undo) the lock on <det> {name:lock}

intent HassGetState
t st.x8 = <det> {name:light,switch,fan} , is it <onoff_state> [?]
t st.x9 = <det> {name:cover,valve} , is it <open_state> [?]
t st.x10 = did (someone | somebody | anyone) leave <det> {name:light,switch,fan} on {state=on} [?]
t st.x11 = (what's | what is) the (status | state) (on | with) <det> {name} [?]
t st.x12 = what (does | do) <det> {name:sensor} (say | read) [?]
t st.x13 = (is | are) <det> {name:lock} [<in_area>] <lock_state> (right now | at the moment) [?]
t st.x14 = <det> {name:lock} [<in_area>] <lock_state> [?]
t st.x15 = is {name:person} (still out {state=not_home} | still away {state=not_home} | back home {state=home} | here {state=home}) [?]
t st.x16 = (where's | where has) {name:person} (gone | got to | at) [?]
t st.x17 = (are | is) <det> {area} (lights | lamps) {domain=light} <onoff_state> [?]
t st.x18 = <det> {name:light,switch,fan} <onoff_state> [?]
t st.x19 = (is | are) <det> <coverkind> [<in_area> | <on_floor>] (up {state=open} | down {state=closed}) [?]
t st.x20 = (i wonder | i'm wondering) (if | whether) (<det> {name:cover} is <open_state> | <det> {name:lock} is <lock_state>)
t st.x21 = (what's | what is) <det> {name:sensor} (doing | at) (now | right now) [?]
t st.x22 = (so | um | hey) , is <det> {name:light,switch,fan} <onoff_state> [?]

intent HassLightSet
t ls.x7 = (set | put | turn) <light_tgt> (to | at) {brightness}
t ls.x8 = <xpre> (lower | raise | drop) <light_tgt> to {brightness} <xpost>
t ls.x9 = <xpre> (turn | switch) <light_tgt> (up | down) to {brightness}
t ls.x10 = <in_area> , <xpre> (set | dim | put) the <lightsd> to {brightness}
t ls.x11 = would you mind (setting | dimming | putting) <light_tgt> (to | at) {brightness} [?]
t ls.x12 = let's (set | dim | put) <light_tgt> (to | at) {brightness}
t ls.x13 = <xpre> (turn | switch) <light_tgt> {color} <xpost>
t ls.x14 = {color} <lightsd> (<in_area> | <on_floor>) [please]
t ls.x15 = (can | could) you (turn | switch) <light_tgt> {color} [?]
t ls.x16 = <xpre> (switch | change) <light_tgt> (over to | to) {color}
t ls.x17 = <xpre> (switch | turn) <light_tgt> to {temperature:kelvin}
t ls.x18 = <light_tgt> (in | to) {color} [please]
t ls.x19 = <light_tgt> {temperature:kelvin} [please]
t ls.x20 = (set | dim) <light_tgt> to <xuh> {brightness}

intent HassClimateSetTemperature
t ct.x4 = (set | put) the <heat> to {temperature}
t ct.x5 = <xpre> (raise | lower) the <heat> to {temperature} [<in_area> | <on_floor>]
t ct.x6 = <in_area> , <xpre> (set | put) the <heat> to {temperature}
t ct.x7 = (can | could) you (make | get) it {temperature} [in here | <in_area>] [?]
t ct.x8 = let's (set (it | the heat | the thermostat) to | keep (it | the house) at) {temperature}
t ct.x9 = would you mind (setting | putting) the <heat> (to | on) {temperature} [?]
t ct.x10 = <xpre> (change | adjust) <det> {name:climate} (to | over to) {temperature}
t ct.x11 = (i'm | we're) (cold | freezing | too warm | roasting) , (set | put) the <heat> to {temperature}
t ct.x12 = <xpre> (heat | cool) (it | things) (up | down) to {temperature} [<in_area>]

intent HassClimateGetTemperature
t cg.x5 = (how's | how is) the temperature [in here | <in_area> | <on_floor>] [?]
t cg.x6 = what temperature is it [in here | inside | <in_area> | <on_floor>] [?]
t cg.x7 = <det> {name:climate} , what (temperature | temp) is it (at | set to) [?]
t cg.x8 = (i wonder | tell me) how (warm | cold | hot) it is [in here | <in_area> | <on_floor>]
t cg.x9 = (temperature | temp) check [<in_area> | <on_floor>] [please]
t cg.x100 = [<xlead>] (could | can) you check how (warm | cold | hot) it is [in here | <in_area> | <on_floor>] [?]
t cg.x101 = (<in_area> | <on_floor>) , (what's | what is) the (temperature | temp) [right now] [?]
t cg.x102 = i'd like to know the (temperature | temp) [in here | <in_area> | <on_floor>]
t cg.x103 = what (temperature does | does) <det> {name:climate} (read | measure | report) [?]
t cg.x104 = (how's | how is) it temperature wise [in here | <in_area> | <on_floor>] [?]
t cg.x105 = (what's | what is) the (current | actual) temperature (on | at) <det> {name:climate} [?]
t cg.x106 = (current | inside) (temperature | temp) [<in_area> | <on_floor>] [please]
t cg.x107 = (do you know | any idea) (what the temperature is | how warm it is | how cold it is) [in here | <in_area> | <on_floor>] [?]
t cg.x108 = <xpre> (read | give) me the temperature (from | off) <det> {name:climate}

intent HassSetPosition
t pos.x3 = (set | move) <cover_tgt> to {position}
t pos.x4 = <in_area> , <xpre> (set | move | put) the <coverkind> to {position}
t pos.x5 = <xpre> (open | raise | lower) <cover_tgt> (up to | down to | about) {position}
t pos.x6 = would you mind (setting | moving) <cover_tgt> to {position} [?]
t pos.x7 = <xpre> (put | adjust) <det> {name:valve} [<in_area>] to {position}
t pos.x8 = let's (set | move | put) <cover_tgt> (to | at) {position}

intent HassFanSetSpeed
t fs.x4 = (set | put) the <fanw> to {percentage}
t fs.x5 = <xpre> (turn | dial) <det> {name:fan} (up | down) to {percentage}
t fs.x6 = <in_area> , <xpre> (set | put) the <fanw> to {percentage}
t fs.x7 = (speed | fan speed) (to | at) {percentage} (on | for) <det> {name:fan}
t fs.x8 = would you mind (setting | putting) <det> {name:fan} (to | at) {percentage} [?]
t fs.x9 = <xpre> (speed up | slow down) the <fanw> to {percentage} [<in_area> | <on_floor>]

intent HassShoppingListAddItem
t sl.x5 = (can | could | would) you put {item} on [my | the] shopping list [?]
t sl.x6 = <xpre> (throw | pop) {item} (on | onto) [my | the] shopping list
t sl.x7 = (shopping list | my shopping list) , (add | plus) {item}
t sl.x9 = let's add {item} to [my | the] shopping list
t sl.x10 = add {item} to [my | the] shopping list
t sl.x100 = {item} , (add | put) (it | that) (on | to) [my | the | our] shopping list [please]
t sl.x101 = [<xlead>] (could | can) we (add | put) {item} (on | to) [my | the | our] shopping list [?]
t sl.x102 = [<xlead>] i'd like {item} (on | added to) [my | the | our] shopping list
t sl.x103 = (we're | we are) (low on | running low on | short on) {item} [, for the shopping list]
t sl.x104 = [<xlead>] (i | we) should (get | grab | buy) {item} , (add | put) it (on | to) the shopping list
t sl.x105 = (on | to) [my | the | our] shopping list , (add | put | include) {item}
t sl.x106 = <xpre> (include | append | save) {item} (on | to) [my | the | our] shopping list
t sl.x107 = [<xlead>] {item} (goes on | needs to go on | for) [my | the | our] shopping list
t sl.x108 = [<xlead>] (would you | could you) (add | put) {item} (on | to) [my | the] shopping list for me [?]
t sl.x109 = <xpre> (add | put) {item} (on | to) the shopping [for (this | next) week]

intent HassShoppingListCompleteItem
t sc.x3 = <xpre> (tick | check) {item} off [my | the] shopping list
t sc.x4 = (got | bought | picked up) {item} , (mark | cross) it off [my | the] shopping list
t sc.x5 = <xpre> mark {item} (off | as got | as purchased) on [my | the] shopping list
t sc.x100 = {item} , (cross | mark) (it | that) off [my | the | our] shopping list [please]
t sc.x101 = [<xlead>] (could | can) we (cross | check) {item} off [my | the | our] shopping list [?]
t sc.x102 = (we've | i've) (grabbed | bought | got) {item} , (mark | cross) it off [my | the] shopping list
t sc.x103 = <xpre> (mark | set) {item} (as checked | as ticked | checked) on [my | the | our] shopping list
t sc.x104 = (on | in) [my | the | our] shopping list , (check | cross | tick) off {item}
t sc.x105 = [<xlead>] i'd like {item} (checked off | crossed off | marked off) [my | the | our] shopping list
t sc.x106 = <xpre> (check off | cross off | tick off) {item} (on | from) [my | the | our] shopping list (too | as well)
t sc.x107 = [<xlead>] (would you | could you) (check | tick | cross) off {item} on [my | the] shopping list for me [?]
t sc.x108 = <xpre> (cross | strike) out {item} on [my | the | our] shopping list

intent HassListAddItem
t la.x4 = <xpre> (throw | pop) {item} (on | onto | into) [my | the] <list>
t la.x5 = <list> , (add | plus) {item}
t la.x6 = (can | could | would) you put {item} on [my | the] <list> [?]
t la.x7 = let's add {item} to [my | the] <list>
t la.x8 = <xpre> (add | put) {item} (to | on) [my | the] <list> (too | as well)

intent HassListCompleteItem
t lc.x4 = (i | we) (finished | did | took care of) {item} , (mark | cross) it off [my | the] <list>
t lc.x5 = <xpre> mark {item} (off | as handled | as ticked) (on | in) [my | the] <list>
t lc.x6 = (can | could) you mark {item} (as done | done) (on | in) [my | the] <list> [?]

intent HassListRemoveItem
t lr.x4 = <xpre> (take | pull) {item} off [my | the] <list>
t lr.x5 = (can | could) you get rid of {item} (from | on) [my | the] <list> [?]
t lr.x6 = <list> , (remove | delete) {item}

intent HassGetWeather
t we.x4 = (what's | how's) the weather (going to be | gonna be) [today | later] [?]
t we.x5 = (will it | is it going to) (rain | snow | be nice | be sunny) [today | later] [?]
t we.x6 = (what's | how's) the weather (in | at | for) {name:weather} (today | right now) [?]
t we.x7 = (give me | what's) the (outlook | weather) for (today | this afternoon) [?]

intent HassGetCurrentTime
t ti.x4 = (got the time | you got the time) [?]
t ti.x5 = what time (do you have | have you got) [?]
t ti.x6 = <xpre> what time is it [?]

intent HassGetCurrentDate
t da.x4 = (what's | what is) the date again [?]
t da.x5 = what's the date (today | right now) [?]
t da.x6 = <xpre> what (month | day) is it [today] [?]

intent HassVacuumStart
t vs.x3 = <xpre> (start | turn on) the <vac> (<in_area> | <on_floor>)
t vs.x4 = (can | could | would) you get <det> {name:vacuum} (going | started) [?]
t vs.x5 = let's (start | run) <det> {name:vacuum}
t vs.x6 = <in_area> , <xpre> (start | run) the <vac>
t vs.x100 = [<xlead>] (could | can) we (start | run) <det> {name:vacuum} [?]
t vs.x101 = <det> {name:vacuum} , (start cleaning | start vacuuming | get to work) [please]
t vs.x102 = <xpre> (power on | start up | switch on) the <vac> (<in_area> | <on_floor>)
t vs.x103 = [<xlead>] i'd like <det> {name:vacuum} (running | started | on)
t vs.x104 = <xpre> (set | put) <det> {name:vacuum} (going | to work)
t vs.x105 = (the floors are dirty | there are crumbs everywhere | it's dusty) , (start | run) <det> {name:vacuum}
t vs.x106 = would you mind (starting | running) <det> {name:vacuum} [?]
t vs.x107 = <xpre> (launch | deploy | dispatch) <det> {name:vacuum}
t vs.x108 = the <vac> (<in_area> | <on_floor>) , (start | run) it [please]

intent HassVacuumReturnToBase
t vb.x3 = <xpre> <det> {name:vacuum} , (head | drive) (home | back to your dock)
t vb.x4 = <xpre> (send | take) the <vac> <in_area> back to (charge | the charger)
t vb.x5 = (that's enough | stop cleaning) , (send | take) <det> {name:vacuum} (home | back)
t vb.x100 = [<xlead>] (could | can) we (dock | park) <det> {name:vacuum} [?]
t vb.x101 = <det> {name:vacuum} , (dock | park) (yourself | now) [please]
t vb.x102 = [<xlead>] i'd like <det> {name:vacuum} (docked | back on its base | back on the charger)
t vb.x103 = <xpre> (get | move) <det> {name:vacuum} back (to | onto) (the | its) (dock | base | charger)
t vb.x104 = <xpre> (send | take) the <vac> <in_area> (to | back to) (the | its) (charging station | base)
t vb.x105 = [<xlead>] <det> {name:vacuum} (needs | has) to (charge | recharge) , (send | take) it (home | to the dock)
t vb.x106 = would you mind (docking | parking) <det> {name:vacuum} [?]
t vb.x107 = <xpre> (park | dock) the <vac> <in_area> [please]
t vb.x108 = (we're done cleaning | that'll do) , <det> {name:vacuum} (back to base | back to the dock | home) [please]

intent HassVacuumCleanArea
t vc.x3 = <xpre> (go | come) (vacuum | clean) <det> {area}
t vc.x4 = let's (vacuum | clean) <det> {area}
t vc.x5 = <xpre> (vacuum | clean) (here | this room | in here) (please | now)
t vc.x6 = <xpre> run <det> {name:vacuum} (in | through) the {area}
t vc.x100 = [<xlead>] (could | can) we (vacuum | clean) <det> {area} [?]
t vc.x101 = the {area} , (vacuum | clean | hoover) it [please]
t vc.x102 = [<xlead>] i'd like <det> {area} (vacuumed | cleaned | hoovered)
t vc.x103 = <xpre> (have | let) <det> {name:vacuum} (clean up | go over | do a pass of) the {area}
t vc.x104 = <xpre> (sweep | vacuum) <det> {area} with <det> {name:vacuum}
t vc.x105 = the {area} is (dirty | a mess | dusty) , (vacuum | clean) it [please]
t vc.x106 = <xpre> (start | run) a (cleaning | vacuum) (cycle | run) (in | for) <det> {area}
t vc.x107 = would you mind (vacuuming | cleaning) <det> {area} [?]
t vc.x108 = <xpre> (vacuum | clean) (where i am | the room i'm standing in)

intent HassLawnMowerStartMowing
t lm.x3 = <xpre> (mow | do) the (lawn | grass | yard) (now | today)
t lm.x4 = let's (mow the lawn | start mowing)
t lm.x5 = <xpre> (start | turn on) <det> {name:lawn_mower} [please]
t lm.x100 = [<xlead>] (could | can) we (start | run) <det> {name:lawn_mower} [?]
t lm.x101 = <det> {name:lawn_mower} , (start mowing | begin mowing | go mow) [please]
t lm.x102 = [<xlead>] i'd like the (lawn | grass) mowed [today | now]
t lm.x103 = <xpre> (have | let) <det> {name:lawn_mower} mow the (lawn | grass | yard)
t lm.x104 = (the grass is (long | too long | getting long) | the lawn looks shaggy) , (start | run) the (mower | lawn mower)
t lm.x105 = would you mind (starting | running) <det> {name:lawn_mower} [?]
t lm.x106 = <xpre> (launch | start up | switch on) the (mower | lawn mower | robot mower) <xpost>
t lm.x107 = (it's time to | time to) mow the (lawn | grass | yard)

intent HassLawnMowerDock
t ld.x3 = <xpre> (that's enough mowing | done mowing) , (dock | park) the (mower | lawn mower)
t ld.x4 = <xpre> (dock | park) the (mower | lawn mower | robot mower) [please]
t ld.x5 = <xpre> <det> {name:lawn_mower} , (head | drive) (home | back to your dock)
t ld.x100 = [<xlead>] (could | can) we (dock | park) <det> {name:lawn_mower} [?]
t ld.x101 = <det> {name:lawn_mower} , (dock | park) (yourself | now) [please]
t ld.x102 = [<xlead>] i'd like <det> {name:lawn_mower} (docked | parked | back in its base)
t ld.x103 = (it's starting to rain | it's raining | the kids want to play outside) , (dock | park) <det> {name:lawn_mower}
t ld.x104 = would you mind (docking | parking) <det> {name:lawn_mower} [?]
t ld.x105 = <xpre> (send | put) <det> {name:lawn_mower} back (to | on) (the | its) (charger | charging station)
t ld.x106 = <xpre> (wrap up | finish) mowing and (dock | park) [the mower]
t ld.x107 = the (mower | lawn mower | robot mower) , (dock | park) (it | now) [please]

intent HassMediaPause
t mpa.x3 = (pause | stop) [<mp_what>] [<mp_tgt>]
t mpa.x4 = <mp_what> , pause [please]
t mpa.x5 = let's pause [<mp_what>] [<mp_tgt>]
t mpa.x6 = <xpre> (halt | stop) (it | the music) for a (sec | second | minute)

intent HassMediaUnpause
t mun.x3 = (resume | unpause) [<mp_what>] [<mp_tgt>]
t mun.x4 = <xpre> (go on | keep going) (with | playing) [<mp_what>] [<mp_tgt>]
t mun.x5 = let's (resume | continue) [<mp_what>] [<mp_tgt>]

intent HassMediaNext
t mnx.x3 = (next | skip) [song | track] [<mp_tgt>]
t mnx.x4 = <xpre> (skip | pass) (this one | this) [<mp_tgt>]
t mnx.x5 = (can | could) you play the next (one | song | track) [<mp_tgt>] [?]

intent HassMediaPrevious
t mpr.x3 = (previous | back) [song | track] [<mp_tgt>]
t mpr.x4 = <xpre> (go | skip) back to the (last | previous) (song | track | one) [<mp_tgt>]
t mpr.x5 = (can | could) you (play | go to) the previous (one | song | track) [<mp_tgt>] [?]

intent HassSetVolume
t sv.x3 = (set | put) the <vol> to {volume_level}
t sv.x4 = (set | turn) (it | the volume) to {volume_level} [<mp_tgt>]
t sv.x5 = would you mind setting the <vol> to {volume_level} [<mp_tgt>] [?]
t sv.x6 = <in_area> , <xpre> (set | put) the <vol> to {volume_level}

intent HassSetVolumeRelative
t vr.x3 = (turn it up {volume_step=up} | turn it down {volume_step=down}) [<vtgt>] [please]
t vr.x4 = <xpre> (louder {volume_step=up} | quieter {volume_step=down}) (please | a bit | a notch) <vtgt>
t vr.x5 = (can | could) you (raise | lower) the <vol> by {volume_step:up} [<vtgt>] [?]
t vr.x6 = <xpre> (up | raise) the <vol> (a notch | a little) {volume_step=up} <vtgt> | <xpre> (lower | reduce) the <vol> (a notch | a little) {volume_step=down} <vtgt>
t vr.x7 = <xpre> (volume | sound) (up {volume_step=up} | down {volume_step=down}) <vtgt>
t vr.x8 = <xpre> (increase | raise) the <vol> by {volume_step:up} | <xpre> (decrease | lower) the <vol> by {volume_step:down}

intent HassMediaPlayerMute
t mu.x4 = mute [it | the tv | the music]
t mu.x5 = (can | could) you mute <det> {name:media_player} [?]
t mu.x6 = <xpre> (shush | quiet) <det> {name:media_player}
t mu.x100 = [<xlead>] (could | can) we mute [<det> {name:media_player} | the (tv | music | speaker)] [?]
t mu.x101 = <det> {name:media_player} , mute (it | that) [please]
t mu.x102 = <xpre> (silence | hush) (the tv | the speaker | the music | it | everything)
t mu.x103 = [<xlead>] no (sound | audio) (on | from) <det> {name:media_player} [please]
t mu.x104 = [<xlead>] i'd like <det> {name:media_player} muted
t mu.x105 = (the phone's ringing | i'm on a call | the baby's asleep) , mute [<det> {name:media_player} | it | the tv]
t mu.x106 = <xpre> make <det> {name:media_player} silent
t mu.x107 = would you mind muting [<det> {name:media_player} | the tv] [?]
t mu.x108 = <xpre> mute the (sound | audio) (on | of) <det> {name:media_player}

intent HassMediaPlayerUnmute
t um.x3 = unmute [it | the tv | the music]
t um.x4 = (can | could) you unmute <det> {name:media_player} [?]
t um.x5 = <xpre> turn the (sound | audio) back on [on <det> {name:media_player}]
t um.x100 = [<xlead>] (could | can) we unmute [<det> {name:media_player} | the (tv | music | speaker)] [?]
t um.x101 = <det> {name:media_player} , unmute (it | that) [please]
t um.x102 = [<xlead>] i'd like <det> {name:media_player} unmuted
t um.x103 = <xpre> (switch | put) the (sound | audio) back on for <det> {name:media_player}
t um.x104 = (i'm off the phone | the call's over | we're back) , unmute [<det> {name:media_player} | it | the tv]
t um.x105 = would you mind unmuting [<det> {name:media_player} | the tv] [?]
t um.x106 = [<xlead>] (sound | audio) back on for <det> {name:media_player}
t um.x107 = <xpre> (un-mute | unsilence) [the tv | it | <det> {name:media_player}]

intent HassMediaSearchAndPlay
t ms.x4 = play {search_query} <mplace>
t ms.x6 = (can | could) you put on {search_query} <mplace> [?]
t ms.x7 = <xpre> play (some | a little) {search_query} <mplace>
t ms.x8 = <xpre> (play | put on) something by {media_class=artist} {search_query:artist} <mplace>
t ms.x100 = {search_query} , play (it | that) <mplace> [please]
t ms.x101 = [<xlead>] (could | can) we play {search_query} <mplace> [?]
t ms.x102 = [<xlead>] (i'm in the mood for | i feel like hearing | i'd love to hear) {search_query} <mplace>
t ms.x103 = <xpre> play (the record {media_class=album} {search_query:album} | the tune {media_class=track} {search_query:track} | the film {media_class=movie} {search_query:movie} | my playlist {media_class=playlist} {search_query:playlist} | the tv show {media_class=tv_show} {search_query:tv_show} | the podcast called {media_class=podcast} {search_query:podcast}) <mplace>
t ms.x104 = <xpre> (play | put on) the {search_query:album} album {media_class=album} <mplace>
t ms.x105 = <xpre> (play | put on) (a few songs | a couple of tunes | the best songs) by {media_class=artist} {search_query:artist} <mplace>
t ms.x106 = <xpre> (i want to | i'd like to) watch (the movie {media_class=movie} {search_query:movie} | the film {media_class=movie} {search_query:movie} | the show {media_class=tv_show} {search_query:tv_show}) <mplace>
t ms.x107 = (on <det> {name:media_player} | <in_area>) , <xpre> play {search_query}
t ms.x108 = [<xlead>] (would you | could you) put {search_query} on <mplace> [for me] [?]
t ms.x109 = <xpre> (play | put on) the (latest | newest) {search_query:podcast} podcast {media_class=podcast} <mplace>
t ms.x110 = <xpre> (find | search for | look up) {search_query} and play it <mplace>

intent HassBroadcast
t bc.x4 = <xpre> (say | announce) (to the house | to everyone | everywhere) [that] {message}
t bc.x5 = (can | could) you (announce | broadcast) [that] {message} [?]
t bc.x6 = <xpre> (message | announcement) (to | for) everyone : {message}
t bc.x100 = <xpre> (let (the house | every room) know | tell (the house | every room)) [that] {message}
t bc.x101 = [<xlead>] (could | can) we (announce | broadcast) [that] {message} [?]
t bc.x102 = <xpre> (announce | broadcast) (on | over) (all the speakers | every speaker | the speakers) [that] {message}
t bc.x103 = <xpre> (send | put out) (a message | an alert | a broadcast) to (everyone | the house | all rooms) (saying | that) {message}
t bc.x104 = <xpre> (inform | notify | alert) (everyone | everybody | the family | the whole house) that {message}
t bc.x105 = [<xlead>] i want (everyone | everybody | the whole house) to know [that] {message}
t bc.x106 = {message} , (announce | broadcast) (that | it) [to everyone | to the house] [please]
t bc.x107 = <xpre> (announce | broadcast) (this | the following) [to everyone] : {message}
t bc.x108 = (attention everyone | attention everybody | house announcement) : {message}
t bc.x109 = <xpre> (play | send) a message (on | over | through) (all the speakers | the speakers | every speaker) saying {message}

intent HassRespond
t re.x3 = (thanks hub | thank you hub | ty | thx | great , thanks) [!]
t re.x4 = (hey | hi hub | hello hub | morning | evening) [!]

intent HassNevermind
t nm.x3 = (cancel | stop , never mind | actually no | no , forget it | hold on , never mind) [!]
t nm.x4 = (um | uh | hmm) , (forget it | never mind | nothing)

intent HassStartTimer
t tm.x7 = (set | start) a timer for <dur>
t tm.x8 = <dur> timer (please | now)
t tm.x9 = let's (set | do) a <dur> timer
t tm.x10 = would you mind setting a timer for <dur> [?]
t tm.x11 = <xpre> timer , <dur> | <xpre> set a timer , <dur>
t tm.x12 = <xpre> (set | start) a timer (for | of) <dur> for (the | my) {name:timer}
t tm.x100 = [<xlead>] (could | can) we (set | start) a timer for <dur> [?]
t tm.x101 = [<xlead>] i'd like a timer (for | of) <dur>
t tm.x102 = <xpre> (set | start) a <dur> timer (called | named) {name:timer}
t tm.x103 = {name:timer} timer , <dur> [please]
t tm.x104 = <xpre> (run | put on) a timer for <dur> (for | on) (the | my) {name:timer}
t tm.x105 = <xpre> <dur> from now , {conversation_command}
t tm.x106 = <xpre> (set | start) the {name:timer} timer (for | to) <dur>
t tm.x107 = (the | my) {name:timer} (needs | takes) <dur> , (set | start) a timer
t tm.x108 = <xpre> (start | begin) timing <dur> [for (the | my) {name:timer}]
t tm.x109 = [<xlead>] would you (set | start) a timer for <dur> [?]
t tm.x110 = [<xlead>] (new timer | timer please) , <dur>

intent HassCancelTimer
t tc.x3 = (cancel | stop) <timer_tgt>
t tc.x4 = <xpre> (switch | turn) <timer_tgt> off
t tc.x5 = (never mind | forget) <timer_tgt>

intent HassCancelAllTimers
t ta.x3 = (cancel | stop) all (the | my) timers [<in_area>]
t ta.x4 = (can | could) you (cancel | clear) all [the | my] timers [<in_area>] [?]
t ta.x5 = <xpre> (turn | switch) off every timer [<in_area>]

intent HassIncreaseTimer
t ti+.x3 = (add | put) <dur> more (to | on) <timer_tgt>
t ti+.x4 = <xpre> <timer_tgt> , (add | plus) <dur>
t ti+.x5 = <xpre> (bump | push) <timer_tgt> (up | back) by <dur>
t ti+.x100 = [<xlead>] (could | can) we add <dur> to <timer_tgt> [?]
t ti+.x101 = <timer_tgt> needs <dur> more
t ti+.x102 = <xpre> (add | give) <timer_tgt> (a further | an additional) <dur>
t ti+.x103 = <dur> more (on | for) <timer_tgt> [please]
t ti+.x104 = <xpre> (add | put) <dur> (onto | on to) <timer_tgt>
t ti+.x105 = <xpre> (delay | push back) <timer_tgt> by <dur>
t ti+.x106 = [<xlead>] i'd like <dur> (added to | put on) <timer_tgt>
t ti+.x107 = (the cake | it | the rice) (isn't ready | needs longer) , add <dur> to <timer_tgt>
t ti+.x108 = <xpre> (raise | up) <timer_tgt> by <dur>

intent HassDecreaseTimer
t td.x3 = <xpre> (take | remove) <dur> from <timer_tgt>
t td.x4 = <xpre> <timer_tgt> , (minus | take off) <dur>
t td.x5 = (can | could) you (reduce | shorten) <timer_tgt> by <dur> [?]
t td.x100 = [<xlead>] (could | can) we take <dur> off <timer_tgt> [?]
t td.x101 = <xpre> (lower | drop | bring down) <timer_tgt> by <dur>
t td.x102 = <dur> less (on | for) <timer_tgt> [please]
t td.x103 = <xpre> (subtract | deduct) <dur> (from | off) <timer_tgt>
t td.x104 = [<xlead>] i'd like <dur> (taken off | removed from) <timer_tgt>
t td.x105 = (it's cooking fast | it's nearly ready | that's too long) , take <dur> off <timer_tgt>
t td.x106 = <timer_tgt> , (remove | take away | subtract) <dur>
t td.x107 = <xpre> knock <timer_tgt> down by <dur>

intent HassPauseTimer
t tp.x3 = pause <timer_tgt>
t tp.x4 = <xpre> (freeze | hold) <timer_tgt> (for a (sec | second | minute) | for now)
t tp.x5 = let's pause <timer_tgt>

intent HassUnpauseTimer
t tu.x3 = (resume | unpause) <timer_tgt>
t tu.x4 = <xpre> (continue | restart) <timer_tgt> [now | please]
t tu.x5 = let's (resume | continue) <timer_tgt>

intent HassTimerStatus
t ts.x3 = (how long | how much time) (is left | left) on <timer_tgt> [?]
t ts.x4 = (what's | what is) (left | remaining) on <timer_tgt> [?]
t ts.x5 = (can | could) you check <timer_tgt> [?]
t ts.x100 = (could | can) you tell me how (much time | long) is left on <timer_tgt> [?]
t ts.x101 = <timer_tgt> , how (much time | long) (is left | remains) [?]
t ts.x102 = (what's | what is) the time left on <timer_tgt> [?]
t ts.x103 = <xpre> (check on | give me an update on) <timer_tgt>
t ts.x104 = (where's | where is) <timer_tgt> (at | up to) [?]
t ts.x105 = <timer_tgt> , (still running | how's it going) [?]
t ts.x106 = how (close | near) is <timer_tgt> to (ringing | going off | the end) [?]
t ts.x107 = i'd like (an update | a status update) on <timer_tgt>
t ts.x108 = (when's | when is) <timer_tgt> (going to | gonna) (go off | ring | end) [?]

intent none chat
t no.x7 = (what's | what is) (a good movie | your opinion on pineapple pizza | the news today) [?]
t no.x9 = (can | could) you (lend me money | tell me a story | help me sleep | find my keys) [?]

intent HassRespond
t re.x5 = (thanks a million | you're the best | lovely , thanks | brilliant , thank you) [!]
t re.x6 = (good day | yo | hiya | greetings) [!]

intent HassNevermind
t nm.x5 = (nah | no no | never mind then | let's forget it) [!]

intent HassCancelAllTimers
t ta.x6 = all (the | my) timers off [please] | cancel every timer [<in_area>]

intent HassCancelTimer
t tc.x6 = <timer_tgt> , (cancel | stop) it [please]
t tc.x100 = [<xlead>] (could | can) we (cancel | stop) <timer_tgt> [?]
t tc.x101 = (the food's ready | dinner's ready | it's ready early) , (cancel | stop) <timer_tgt>
t tc.x102 = <xpre> (clear | dismiss) <timer_tgt> <xpost>
t tc.x103 = <timer_tgt> , (delete | dismiss | turn off) (it | that) [please]
t tc.x104 = [<xlead>] i'd like <timer_tgt> (cancelled | stopped | deleted)
t tc.x105 = <xpre> (call off | shut off) <timer_tgt> <xpost>
t tc.x106 = [<xlead>] would you mind (cancelling | stopping) <timer_tgt> [?]
t tc.x107 = <xpre> (end | cancel) <timer_tgt> early

intent HassPauseTimer
t tp.x6 = <timer_tgt> , pause it [please]
t tp.x100 = [<xlead>] (could | can) we pause <timer_tgt> [?]
t tp.x101 = <xpre> (halt | suspend) <timer_tgt> for (a moment | now | a bit)
t tp.x102 = [<xlead>] i'd like <timer_tgt> paused
t tp.x103 = <timer_tgt> , (freeze | hold) (it | that) [for now | for a second]
t tp.x104 = [<xlead>] would you mind pausing <timer_tgt> [?]
t tp.x105 = (just a moment | give me a sec) , pause <timer_tgt>
t tp.x106 = <xpre> (pause | freeze) <timer_tgt> (until i'm back | while i (step out | answer the phone))
t tp.x107 = <xpre> keep <timer_tgt> (paused | frozen) [for now]

intent HassUnpauseTimer
t tu.x6 = <timer_tgt> , (resume | unpause) it [please]
t tu.x100 = [<xlead>] (could | can) we (resume | unpause) <timer_tgt> [?]
t tu.x101 = <xpre> (get | set) <timer_tgt> (ticking | counting down) again
t tu.x102 = [<xlead>] i'd like <timer_tgt> (resumed | unpaused)
t tu.x103 = (i'm back | ok i'm back | all right) , (resume | unpause | continue) <timer_tgt>
t tu.x104 = [<xlead>] would you mind (resuming | unpausing) <timer_tgt> [?]
t tu.x105 = <xpre> (resume | unpause) <timer_tgt> (where it was | from where it stopped)
t tu.x106 = <xpre> (unpause | resume) <timer_tgt> <xpost>
t tu.x107 = <timer_tgt> , (unfreeze | continue) (it | that) [please]

# ---------- rare kinds (H10): locks, valves, fans and switches by name, named players, chores ----------
# Locks lock with HassTurnOn and unlock with HassTurnOff (data/eval/README.md); in 200 000 lines
# only ~115 said "lock the X", so a model unlocked doors when asked to lock them.
intent HassTurnOn
t on.x50 = <xpre> lock <det> {name:lock} [<in_area>] <xpost>
t on.x51 = [<xlead>] (can | could | would) you lock <det> {name:lock} [<in_area>] [for me] [?]
t on.x52 = <xpre> lock up <det> {name:lock} [<in_area>] [for the night | now]
t on.x53 = <xpre> (go ahead and | please) lock <det> {name:lock} [<in_area>]
t on.x54 = <det> {name:lock} [<in_area>] (needs | has) to be locked
t on.x55 = <xpre> (lock | bolt) <det> {name:lock} [<in_area>] , (we're | i'm) (leaving | going out | off to bed)
t on.x56 = <xpre> i want <det> {name:lock} [<in_area>] locked
t on.x57 = <xpre> lock <det> {name:lock} [<in_area>] (behind me | before bed | when you can)
t on.x58 = <xpre> keep <det> {name:lock} [<in_area>] locked
t on.x59 = <xpre> (turn on | open | start) the water (at | on | with) <det> {name:valve} [<in_area>]
t on.x60 = <xpre> (turn | switch) <det> {name:valve} [<in_area>] on
t on.x61 = [<xlead>] (can | could) you open <det> {name:valve} [<in_area>] [?]
t on.x62 = <xpre> let the water (run | flow) (through | at) <det> {name:valve}
t on.x63 = <xpre> (turn | switch) on <det> {name:fan} [<in_area>] <xpost>
t on.x64 = [<xlead>] (can | could) you (start | turn on) <det> {name:fan} [<in_area>] [?]
t on.x65 = <xpre> (start | run) <det> {name:fan} [<in_area>] [for a bit]
t on.x66 = <xpre> (turn | switch | power) on <det> {name:switch} [<in_area>] <xpost>
t on.x67 = [<xlead>] (can | could) you (turn | switch) on <det> {name:switch} [<in_area>] [?]
t on.x68 = <xpre> (start | fire up) <det> {name:switch} [<in_area>]

intent HassTurnOff
t off.x50 = <xpre> unlock <det> {name:lock} [<in_area>] <xpost>
t off.x51 = [<xlead>] (can | could | would) you unlock <det> {name:lock} [<in_area>] [for me] [?]
t off.x52 = <xpre> (go ahead and | please) unlock <det> {name:lock} [<in_area>]
t off.x53 = <det> {name:lock} [<in_area>] (needs | has) to be unlocked
t off.x54 = <xpre> unlock <det> {name:lock} [<in_area>] , (the kids are | a friend is | the cleaner is) (home | here | coming)
t off.x55 = <xpre> i want <det> {name:lock} [<in_area>] unlocked
t off.x56 = <xpre> leave <det> {name:lock} [<in_area>] unlocked [for now | for a while]
t off.x57 = <xpre> (turn off | shut off | cut off | stop) the water (at | on | with) <det> {name:valve} [<in_area>]
t off.x58 = <xpre> (turn | switch) <det> {name:valve} [<in_area>] off
t off.x59 = [<xlead>] (can | could) you (close | turn off) <det> {name:valve} [<in_area>] [?]
t off.x60 = <xpre> shut off <det> {name:valve} [<in_area>] <xpost>
t off.x61 = <xpre> (turn | switch) off <det> {name:fan} [<in_area>] <xpost>
t off.x62 = [<xlead>] (can | could) you (stop | turn off) <det> {name:fan} [<in_area>] [?]
t off.x63 = <xpre> stop <det> {name:fan} [<in_area>]
t off.x64 = <xpre> (turn | switch | power) off <det> {name:switch} [<in_area>] <xpost>
t off.x65 = [<xlead>] (can | could) you (turn | switch) off <det> {name:switch} [<in_area>] [?]

intent HassMediaPause
t mpa.x50 = <xpre> pause <mp_what> on <det> {name:media_player}
t mpa.x51 = <xpre> (pause | stop) <det> {name:media_player} [<in_area>] <xpost>

intent HassMediaUnpause
t mun.x50 = <xpre> (resume | unpause) <mp_what> on <det> {name:media_player}
t mun.x51 = <xpre> (resume | continue) <det> {name:media_player} [<in_area>] <xpost>
t mun.x100 = [<xlead>] (could | can) we (resume | continue) [<mp_what>] [<mp_tgt>] [?]
t mun.x101 = [<xlead>] (the music | the movie | the show | the podcast) , (resume | unpause) [it] [<mp_tgt>]
t mun.x102 = [<xlead>] i'd like to (resume | continue) [<mp_what>] [<mp_tgt>]
t mun.x103 = (i'm back | ok i'm back | we're back) , (resume | unpause | continue) [<mp_what>] [<mp_tgt>]
t mun.x104 = <xpre> (unfreeze | un-pause) [<mp_what>] [<mp_tgt>]
t mun.x105 = would you mind (resuming | unpausing) [<mp_what>] [<mp_tgt>] [?]
t mun.x106 = <xpre> (press | push) play [<mp_tgt>]
t mun.x107 = <xpre> (continue | resume) (watching | listening) [<mp_tgt>]

intent HassMediaNext
t mnx.x50 = <xpre> (next | skip the) (song | track | episode) on <det> {name:media_player}
t mnx.x51 = <xpre> skip (ahead | forward) (on | in) (<det> {name:media_player} | the {area})
t mnx.x52 = <xpre> play the next (song | track) <in_area>

intent HassMediaPrevious
t mpr.x50 = <xpre> (previous | last) (song | track | episode) on <det> {name:media_player}
t mpr.x51 = <xpre> go back (a | one) (song | track) (on | in) (<det> {name:media_player} | the {area})
t mpr.x52 = <xpre> play the previous (song | track) <in_area>

intent HassSetVolume
t sv.x50 = <xpre> (set | put) the <vol> on <det> {name:media_player} to {volume_level}
t sv.x51 = <xpre> <det> {name:media_player} <vol> (to | at) {volume_level}

intent HassSetVolumeRelative
t vr.x50 = <xpre> (turn up {volume_step=up} | turn down {volume_step=down}) the volume on <det> {name:media_player}
t vr.x51 = <xpre> (turn | make) <det> {name:media_player} (up {volume_step=up} | louder {volume_step=up} | down {volume_step=down} | quieter {volume_step=down})
t vr.x52 = <xpre> (turn up {volume_step=up} | turn down {volume_step=down}) the (music | volume) <in_area>

# to-do lists hold chores ({item:task}: "call the plumber"), not only shopping goods
intent HassListAddItem
t la.x50 = <xpre> add {item:task} to [my | the | our] <list> <xpost>
t la.x51 = [<xlead>] (can | could) you add {item:task} to [my | the] <list> [?]
t la.x52 = <xpre> (remind me to | i need to) {item:task} , (add | put) it (on | to) [my | the] <list>
t la.x53 = <xpre> put {item:task} on [my | the | our] <list>
t la.x100 = {item} , (add | put) (it | that) (on | to) [my | the | our] <list> [please]
t la.x101 = [<xlead>] (could | can) we (add | put) {item} (on | to) [my | the | our] <list> [?]
t la.x102 = [<xlead>] i'd like {item} (added to | put on) [my | the | our] <list>
t la.x103 = [<xlead>] [my | the | our] <list> is missing {item} , (add it | put it on)
t la.x104 = (for | on) [my | the | our] <list> : {item}
t la.x105 = <xpre> (save | enter | include) {item:task} (on | in | to) [my | the | our] <list> <xpost>
t la.x106 = [<xlead>] (there's | here's) (one more | a new) (thing | item | task) for [my | the | our] <list> : {item:task}
t la.x107 = [<xlead>] {item} (goes | should go) (on | onto) [my | the | our] <list>
t la.x108 = [<xlead>] (would you | could you) (add | put) {item:task} (on | to) [my | the] <list> (for me | please) [?]
t la.x109 = new (item | entry) (on | for) [my | the | our] <list> , {item}
t la.x110 = <xpre> (also | and) add {item} to [my | the | our] <list> <xpost>

intent HassListCompleteItem
t lc.x50 = <xpre> mark {item:task} as (done | complete | finished) (on | in) [my | the] <list>
t lc.x51 = <xpre> (check off | cross off | tick off) {item:task} (on | from) [my | the] <list> <xpost>
t lc.x52 = i (did | finished) {item:task} , (check | cross) it off [my | the] <list>
t lc.x100 = {item} , (cross | mark) (it | that) off [my | the | our] <list> [please]
t lc.x101 = [<xlead>] (could | can) we (cross | check) {item} off [my | the | our] <list> [?]
t lc.x102 = [<xlead>] (that's handled | all sorted | that one's sorted) , (mark | cross) {item:task} off [my | the] <list>
t lc.x103 = <xpre> (mark | set) {item} (as checked | as ticked | checked) (on | in) [my | the | our] <list>
t lc.x104 = (on | in) [my | the | our] <list> , (check | cross) off {item}
t lc.x105 = <xpre> (cross | strike) out {item} (on | in) [my | the] <list>
t lc.x106 = [<xlead>] i'd like {item} (checked off | crossed off | marked off) [my | the | our] <list>
t lc.x107 = <xpre> (check off | cross off | tick off) {item:task} (on | in | from) [my | the | our] <list> (too | as well)
t lc.x108 = [<xlead>] (would you | could you) (check | tick) off {item} for me on [my | the] <list> [?]

intent HassListRemoveItem
t lr.x50 = <xpre> (remove | delete) {item:task} from [my | the | our] <list> <xpost>
t lr.x51 = [<xlead>] (can | could) you take {item:task} off [my | the] <list> [?]
t lr.x100 = {item} , ((remove | delete) (it | that) from | take (it | that) off) [my | the | our] <list> [please]
t lr.x101 = [<xlead>] (could | can) we (remove | delete) {item} from [my | the | our] <list> [?]
t lr.x102 = <xpre> (wipe | clear) {item} (from | off) [my | the | our] <list>
t lr.x103 = [<xlead>] {item} can (come off | go from) [my | the | our] <list>
t lr.x104 = <xpre> (remove | delete) {item:task} (from | off) [my | the | our] <list> (for good | entirely | completely)
t lr.x105 = (from | off) [my | the | our] <list> , (remove | delete | take out) {item}
t lr.x106 = [<xlead>] i'd like {item} (removed from | deleted from | taken off) [my | the | our] <list>
t lr.x107 = <xpre> (remove | delete) the (entry | line) {item} from [my | the] <list>
t lr.x108 = [<xlead>] (would you | could you) (remove | delete) {item:task} from [my | the] <list> for me [?]

# more lock / unlock / valve phrasings (H10): lock lines were still only ~2.5x as frequent
intent HassTurnOn
t on.x70 = [<xlead>] please lock <det> {name:lock} [<in_area>]
t on.x71 = <xpre> lock <det> {name:lock} [<in_area>] [right] now
t on.x72 = <xpre> (did you | can we) lock <det> {name:lock} [<in_area>] ? lock it
t on.x73 = <det> {name:lock} [<in_area>] , lock it [please]
t on.x74 = <xpre> lock <det> {name:lock} [<in_area>] (again | back up)
t on.x75 = <xpre> (time to | let's) lock <det> {name:lock} [<in_area>]
t on.x76 = <xpre> (i'm heading out | we're off | goodnight) , lock <det> {name:lock} [<in_area>]
t on.x77 = <xpre> make (sure | certain) you lock <det> {name:lock} [<in_area>]
t on.x78 = <xpre> get <det> {name:lock} [<in_area>] locked
t on.x79 = [<xlead>] would you mind locking <det> {name:lock} [<in_area>] [?]
t on.x80 = <xpre> (turn on | start) <det> {name:valve} [<in_area>] <xpost>
t on.x81 = <xpre> (open up | turn the water back on at) <det> {name:valve} [<in_area>]
t on.x82 = <det> {name:valve} [<in_area>] , open it [please]
t on.x90 = <xpre> (turn | switch | power) on <det> {name:media_player} [<in_area>] <xpost>
t on.x91 = <xpre> (turn | switch | power) <det> {name:media_player} on <xpost>

intent HassTurnOff
t off.x70 = [<xlead>] please unlock <det> {name:lock} [<in_area>]
t off.x71 = <xpre> unlock <det> {name:lock} [<in_area>] [right] now
t off.x72 = <det> {name:lock} [<in_area>] , unlock it [please]
t off.x73 = <xpre> (time to | let's) unlock <det> {name:lock} [<in_area>]
t off.x74 = <xpre> (i'm at the door | i'm outside | i'm back) , unlock <det> {name:lock} [<in_area>]
t off.x75 = <xpre> get <det> {name:lock} [<in_area>] unlocked
t off.x76 = [<xlead>] would you mind unlocking <det> {name:lock} [<in_area>] [?]
t off.x77 = <xpre> unlock <det> {name:lock} [<in_area>] (for the delivery | for a minute | for the guests)
t off.x78 = <xpre> open the lock on <det> {name:lock} [<in_area>]
t off.x79 = <xpre> (undo | release) the lock on <det> {name:lock} [<in_area>]
t off.x80 = <xpre> (turn off | close) <det> {name:valve} [<in_area>] <xpost>
t off.x81 = <xpre> (there's a leak | we have a leak) , (close | turn off) <det> {name:valve} [<in_area>]
t off.x82 = <det> {name:valve} [<in_area>] , (close | turn off) it [please]
t off.x90 = <xpre> (turn | switch | power | shut) off <det> {name:media_player} [<in_area>] <xpost>
t off.x91 = <xpre> (turn | switch | power | shut) <det> {name:media_player} off <xpost>
t off.x100 = [<xlead>] (could | can) we (turn | switch) off <onoff_tgt> [?]
t off.x101 = <onoff_tgt> (can | should) be (off | switched off) (now | for the night)
t off.x102 = <xpre> (put | turn) out <det> <lights> [<in_area> | <on_floor>] <xpost>
t off.x103 = <xpre> (switch | turn) off <onoff_tgt> (now | right away | immediately)
t off.x104 = <in_area> , (switch | turn) <det> <ldom> off [please]
t off.x105 = <xpre> (leave | keep) <onoff_tgt> off
t off.x106 = you can (turn | switch) off <onoff_tgt> [now]

# ---------- free text in new places, more verbs and frames for the weakest intents (k-en): items,
# messages, queries, timer names and commands at the start, middle and end of a sentence, before
# and after the list name; every line avoids the held-out ('!') verbs and frames of its intent ----------
intent HassTurnOn
t on.x120 = <xpre> (get | have) <onoff_tgt> (on | going | running) <xpost>
t on.x121 = <onoff_tgt> (please | now) , on
t on.x122 = (it's | it is) (getting dark | gloomy | pitch black) (in here | <in_area>) , (put | get) <det> <lights> on
t on.x123 = <xpre> (give me | i need) some light (in here | <in_area>) {domain=light}
t on.x124 = (we need | i need) <onoff_tgt> (on | switched on) [now]
t on.x125 = (hit | press) the switch (for | on) <onoff_tgt>
t on.x126 = <xpre> (bring | get) <onoff_tgt> back on <xpost>
t on.x127 = <xpre> (wake up | turn on) <det> {name:media_player} [<in_area>]

intent HassTurnOff
t off.x120 = <xpre> (get | have) <onoff_tgt> off <xpost>
t off.x121 = <onoff_tgt> (please | now) , off
t off.x122 = (it's | it is) (too bright | blinding) (in here | <in_area>) , (switch | shut) off <det> <lights>
t off.x123 = (we don't need | i don't need) <onoff_tgt> (on | anymore) , (turn | switch) (it | them) off
t off.x124 = (hit | press) the off switch (for | on) <onoff_tgt>
t off.x125 = <xpre> kill <onoff_tgt> <xpost>
t off.x126 = <xpre> (shut | switch) <onoff_tgt> (off | down) for the (night | day)
t off.x127 = (time for bed | lights out) , (switch | turn) off <onoff_tgt>

intent HassLightSet
t ls.x21 = <xpre> (change | adjust) the <bright> (of | on | for) <light_tgt> to {brightness}
t ls.x22 = {brightness} (on | for) <light_tgt> [please]
t ls.x23 = <light_tgt> , (set | put) (it | them) (to | at) {brightness}
t ls.x24 = <xpre> (tone | turn) down <light_tgt> to {brightness}
t ls.x25 = <xpre> (use | pick) {color} (for | on) <light_tgt>
t ls.x26 = <light_tgt> , (go | change to) {color} [please]
t ls.x27 = (let's have | i fancy) {color} (on | for) <light_tgt>
t ls.x28 = <xpre> (set | change) the colour (of | on) <light_tgt> to {color}

intent HassClimateSetTemperature
t ct.x13 = <xpre> (change | adjust) the <heat> to {temperature} [<in_area> | <on_floor>] <xpost>
t ct.x14 = {temperature} (on | for) the <heat> [<in_area> | <on_floor>] [please]
t ct.x15 = <det> {name:climate} , (go to | set yourself to) {temperature}
t ct.x16 = (can | could) we have {temperature} [in here | <in_area>] [?]
t ct.x17 = <xpre> (warm | heat) the (house | room | place) up to {temperature}
t ct.x18 = <xpre> (cool | bring) the (house | room | place) down to {temperature}
t ct.x19 = <in_area> , (heating | thermostat | temperature) (to | at) {temperature} [please]

intent HassClimateGetTemperature
t cg.x109 = (what's | what is) it like temperature wise [in here | <in_area> | <on_floor>] [?]
t cg.x110 = (tell me | give me) the (temperature | temp) [in here | <in_area> | <on_floor>] [please]
t cg.x111 = (how hot | how cold | how warm) is it (in here | inside | <in_area> | <on_floor>) [right now] [?]
t cg.x112 = (what | which) temperature (does it say | are we at) [in here | <in_area> | <on_floor>] [?]
t cg.x113 = what does <det> {name:climate} (say | read) [right now] [?]

intent HassShoppingListAddItem
t sl.x110 = {item} , (shopping list | for the shopping list) [please]
t sl.x111 = <xpre> (remember | heads up ,) (we need | i need) {item} [for the shopping list | on the shopping list]
t sl.x112 = {item} (on | onto) [my | the | our] shopping list , (please | thanks)
t sl.x113 = (next time | when) (i'm | we're) at the (shop | store | supermarket) (i need | we need) {item} , add it to the shopping list
t sl.x114 = <xpre> (get | grab) {item} (on | onto) [my | the | our] shopping list
t sl.x115 = (buy | pick up) {item} , (add | put) it (on | to) [my | the | our] shopping list
t sl.x116 = (my | the | our) shopping list (needs | should have) {item} [on it]
t sl.x117 = <xpre> (add | put) {item} (on | to) [my | the | our] shopping list (for later | when you get a chance)

intent HassShoppingListCompleteItem
t sc.x109 = {item} (is | are) (bought | in the basket | sorted) , (cross | mark) (it | them) off [my | the | our] shopping list
t sc.x110 = <xpre> (i've got | we have) {item} now , (mark | strike) it (off | out) (on | from) [my | the] shopping list
t sc.x111 = (shopping list | my shopping list) , (cross off | tick off | mark off) {item}
t sc.x112 = [<xlead>] {item} (can be | should be) (ticked | checked | crossed) off [my | the | our] shopping list
t sc.x113 = <xpre> (mark | flag) {item} as (bought | got | done) on [my | the | our] shopping list

intent HassListAddItem
t la.x111 = {item} , (for | on) [my | the | our] <list> [please]
t la.x112 = <xpre> (add | put) (this | the following) to [my | the | our] <list> : {item}
t la.x113 = [my | the | our] <list> (needs | should have) {item} [on it]
t la.x114 = <xpre> (remember to | don't forget to) {item:task} , (add | put) it (on | in) [my | the | our] <list>
t la.x115 = {item:task} (goes | needs to go) (on | in) [my | the | our] <list>
t la.x116 = <xpre> (get | have) {item} (on | in) [my | the | our] <list> <xpost>
t la.x117 = (in | on) [my | the | our] <list> , (put | add) {item:task} [please]
t la.x118 = (i have to | i must | we should) {item:task} , (add | put) (that | it) (on | to) [my | the] <list>

intent HassListCompleteItem
t lc.x109 = {item:task} is (done | sorted | taken care of) , (mark | cross) it off [my | the | our] <list>
t lc.x110 = <xpre> (flag | mark) {item} as (complete | completed | handled) (on | in) [my | the | our] <list>
t lc.x111 = [my | the | our] <list> , (mark | tick) {item} (as done | done | off)
t lc.x112 = [<xlead>] {item:task} (can be | should be) (ticked | checked | crossed) off [my | the | our] <list>
t lc.x113 = (already | just) (did | finished) {item:task} , (tick | check) it (off | on) [my | the] <list>

intent HassListRemoveItem
t lr.x109 = {item} (isn't needed | is not needed | is no longer needed) , (take | delete) it (off | from) [my | the | our] <list>
t lr.x110 = <xpre> (drop | lose) {item} from [my | the | our] <list>
t lr.x111 = [my | the | our] <list> , (take off | get rid of) {item:task}
t lr.x112 = (forget | skip) {item:task} , (remove | delete) it from [my | the] <list>
t lr.x113 = [<xlead>] {item} (needs to come | can be taken) off [my | the | our] <list>

intent HassGetCurrentTime
t ti.x7 = (what | which) time (is it now | have we got) [?]
t ti.x8 = (do you know | any idea) what time it is [?]
t ti.x9 = (tell me | say) the time [please]
t ti.x10 = (is it | it's) (late | early) already , what time is it [?]
t ti.x11 = (what's | what is) the time (now | at the moment | right now) [?]

intent HassGetCurrentDate
t da.x7 = (do you know | any idea) what (date | day) it is [today] [?]
t da.x8 = (tell me | say) (the date | today's date) [please]
t da.x9 = (what's | what is) the date (now | at the moment) [?]
t da.x10 = (what's | what is) the date , is it the (first | fifteenth | twentieth) [?]
t da.x11 = (which | what) date (is it | are we on) [today] [?]

intent HassVacuumStart
t vs.x109 = <xpre> (get | set) the <vac> (cleaning | vacuuming) (<in_area> | <on_floor>)
t vs.x110 = (time to | it's time to) (vacuum | hoover) , (start | run) <det> {name:vacuum}
t vs.x111 = <xpre> (send | let) <det> {name:vacuum} (out | off) to (clean | vacuum)
t vs.x112 = <det> {name:vacuum} , (go | off you go) [please]
t vs.x113 = <xpre> (begin | commence) (cleaning | vacuuming) with <det> {name:vacuum}

intent HassVacuumReturnToBase
t vb.x109 = <xpre> (bring | call) <det> {name:vacuum} back (home | to (the | its) (dock | base))
t vb.x110 = <det> {name:vacuum} , (go | head) (back | home) to charge
t vb.x111 = <det> {name:vacuum} , (finish up | stop cleaning) and (dock | go home) [please]
t vb.x112 = (send | return) <det> {name:vacuum} to (its | the) (base | dock | charger)
t vb.x113 = <xpre> (have | let) <det> {name:vacuum} (go | head) back to (the | its) (dock | base)

intent HassVacuumCleanArea
t vc.x109 = <xpre> (hoover | sweep) <det> {area} <xpost>
t vc.x110 = (please | now) (clean | vacuum) (up | out) <det> {area}
t vc.x111 = <det> {area} (floor | carpet) , (vacuum | clean) it [please]
t vc.x112 = <xpre> (give | do) <det> {area} a (quick | good) (clean | vacuum | hoover)
t vc.x113 = (there are crumbs | it's dirty | there's dust) (in | on) the {area} , (vacuum | clean) it

intent HassMediaUnpause
t mun.x108 = <xpre> (un-stop | restart) (playback | the playback) [<mp_tgt>]
t mun.x109 = (ok | alright) , (go on | keep playing | carry on playing) [<mp_tgt>]
t mun.x110 = <mp_what> , (resume | continue) [please]
t mun.x111 = (press | hit) (resume | continue) [<mp_tgt>]

intent HassSetVolumeRelative
t vr.x53 = <xpre> (make | get) it (louder {volume_step=up} | quieter {volume_step=down} | softer {volume_step=down}) <vtgt>
t vr.x54 = (a bit | a little | slightly) (louder {volume_step=up} | quieter {volume_step=down}) <vtgt> [please]
t vr.x55 = <xpre> (raise | increase) the <vol> <vtgt> {volume_step=up} | <xpre> (reduce | decrease) the <vol> <vtgt> {volume_step=down}
t vr.x56 = (can | could) you (turn up {volume_step=up} | turn down {volume_step=down}) the (music | tv | sound) <vtgt> [?]
t vr.x57 = <xpre> (lift | raise) the <vol> by {volume_step:up} <vtgt> | <xpre> (lower | cut) the <vol> by {volume_step:down} <vtgt>

intent HassMediaPlayerUnmute
t um.x108 = <xpre> (let me hear | switch on) the (sound | audio) (on | from) <det> {name:media_player}
t um.x109 = (sound | audio) (please | again) [on <det> {name:media_player}]
t um.x110 = <xpre> stop muting [<det> {name:media_player} | the tv | it]
t um.x111 = <xpre> (switch | turn) mute off [on <det> {name:media_player}]

intent HassMediaSearchAndPlay
t ms.x111 = {search_query} (please | next) <mplace>
t ms.x112 = <xpre> (put on | play) {search_query} (for me | for us) <mplace>
t ms.x113 = <xpre> (find | look for) (songs | music) by {media_class=artist} {search_query:artist} <mplace>
t ms.x114 = <xpre> (watch | show me) (the movie {media_class=movie} {search_query:movie} | an episode of {media_class=tv_show} {search_query:tv_show}) <mplace>
t ms.x115 = (i'm after | i'm looking for | i want) {search_query} <mplace>
t ms.x116 = <xpre> (play | put on) the (song | track) {media_class=track} {search_query:track} <mplace>
t ms.x117 = <xpre> (tune in to | switch to) (the | my) {search_query:playlist} playlist {media_class=playlist} <mplace>
t ms.x118 = <xpre> (catch up on | put on) (the | an) episode of {media_class=podcast} {search_query:podcast} <mplace>
t ms.x119 = (something by | anything by) {media_class=artist} {search_query:artist} <mplace> [please]

intent HassBroadcast
t bc.x110 = <xpre> (say | tell everyone) (on | over) (every | all the) speakers [that] {message}
t bc.x111 = {message} , (tell | let) (everyone | everybody | the house) [know]
t bc.x112 = (everyone | everybody | family) , {message} , (announce | broadcast) (that | it)
t bc.x113 = <xpre> (page | call) the (house | family | whole house) (with | saying) {message}
t bc.x114 = <xpre> (broadcast | announce) {message} (to | in) every room
t bc.x115 = (message | note) for (everyone | the house | the family) : {message}
t bc.x116 = <xpre> (let everyone hear | spread the word) [that] {message}
t bc.x117 = (broadcast | announce) (please | now) , {message}

intent HassRespond
t re.x7 = (cheers mate | ta | thanks hub | that's great | wonderful | super) [!]
t re.x8 = (good evening | morning | evening | hi hub) [!]

intent HassNevermind
t nm.x6 = (cancel that | scratch that | ignore me | disregard that) [!]
t nm.x7 = (nothing | it's nothing | don't worry about it | forget what i said) [!]

intent HassStartTimer
t tm.x111 = <xpre> (time | count) <dur> (for | on) (the | my) {name:timer}
t tm.x112 = {name:timer} , <dur> [please]
t tm.x113 = <xpre> (set | start) a timer for (the | my) {name:timer} , <dur>
t tm.x114 = <xpre> (in | after) <dur> (please | could you) {conversation_command}
t tm.x115 = <xpre> {conversation_command} (in | after) <dur>
t tm.x116 = <xpre> (put | set) <dur> on the {name:timer} timer
t tm.x117 = <dur> (for | on) (the | my) {name:timer} [please]
t tm.x118 = <xpre> (an | a) <dur> timer (please | for (the | my) {name:timer})
t tm.x119 = <xpre> (time | clock) (the | my) {name:timer} for <dur>
t tm.x120 = <xpre> (set | schedule) <dur> (and | ,) then {conversation_command}

intent HassCancelTimer
t tc.x108 = <xpre> (kill | drop | delete) <timer_tgt> <xpost>
t tc.x109 = <timer_tgt> (isn't | is not) needed (anymore | now) , (cancel | stop) it
t tc.x110 = (switch off | shut off | silence) <timer_tgt> [please]
t tc.x111 = <xpre> (remove | clear out) <timer_tgt>

intent HassIncreaseTimer
t ti+.x109 = <xpre> (extend | prolong) <timer_tgt> by <dur>
t ti+.x110 = <timer_tgt> (could use | should get) <dur> more
t ti+.x111 = <xpre> (give | allow) <timer_tgt> <dur> more
t ti+.x112 = (more time | a bit longer) (on | for) <timer_tgt> , <dur> [please]
t ti+.x113 = <xpre> (increase | raise) <timer_tgt> by <dur>

intent HassDecreaseTimer
t td.x108 = <xpre> (reduce | shorten) <timer_tgt> by <dur>
t td.x109 = <timer_tgt> , <dur> less [please]
t td.x110 = <xpre> (take away | knock off) <dur> (from | off) <timer_tgt>
t td.x111 = (less time | not so long) (on | for) <timer_tgt> , <dur> less [please]
t td.x112 = <xpre> (decrease | lower) <timer_tgt> by <dur>

# ========== more phrasings (2026-11-23, ids *.y*): new verbs, word orders, questions and
# indirect requests for every intent, written without reading the held-out templates ==========


# ---------- g1 (en): more phrasings for on/off, state, lights, climate, fans, covers (ids *.y*) ----------
# new verbs, object-first and verb-last orders, questions, afterthoughts, indirect requests
rule g1e_ask = is it possible to | any chance you could | do you think you could | would it be possible to | is there any way you could
rule g1e_after = , please do that | , would you | , will you | , if you would | , cheers | , thanks a lot
rule g1e_drapes = {domain=cover,device_class=curtain} (curtains | drapes) | {domain=cover,device_class=blind} (blinds | blind)

intent HassTurnOn
t on.y1 = <xpre> (fire up | throw on | click on | pop on | power up) <onoff_tgt> <xpost>
t on.y2 = <xpre> (pop | stick | chuck | throw | click) <onoff_tgt> on <xpost>
t on.y3 = [<xlead>] <g1e_ask> (turn | switch | put) on <onoff_tgt> [for me] [?]
t on.y4 = (it's | it is) (way too | far too | too | so | really) dark (in here | <in_area>) {domain=light} | i can (barely | hardly) see (anything | a thing) (in here | <in_area>) {domain=light}
t on.y5 = <onoff_tgt> (needs | need) (turning | switching | putting) on [please]
t on.y6 = [<xlead>] (turn | switch | put) on <onoff_tgt> <g1e_after>
t on.y7 = [<xlead>] (can | could | may) (i | we) (have | get) <onoff_tgt> on [please] [?]
t on.y8 = <xpre> light up (the whole | all of the | the entire) ({floor} | {area}) {domain=light} <xpost> | <xpre> (turn | switch) on (every | every single) (light | lamp) (<on_floor> | <in_area>) {domain=light}
t on.y9 = <xpre> (open up | pull open | roll open) <cover_tgt> <xpost>
t on.y10 = <xpre> (draw back | pull back | open up) <det> <g1e_drapes> [<in_area> | <on_floor>] <xpost> | <xpre> part <det> {domain=cover,device_class=curtain} (curtains | drapes) [<in_area>]
t on.y11 = [<xlead>] (can | could) you (get | have) <cover_tgt> (up | open) [?] | <cover_tgt> (needs | need) to (go up | be opened | come up)
t on.y12 = <xpre> (secure | deadbolt | lock down) <det> {name:lock} [<in_area>] <xpost>
t on.y13 = (i forgot | i think i forgot | we forgot | someone forgot) to lock <det> {name:lock} [<in_area>] [, (can | could) you (do it | lock it | take care of it) [?]] | (don't forget | do not forget | remember) to lock <det> {name:lock} [<in_area>]
t on.y14 = <xpre> (get | start) the water (going | flowing | running) (at | on | through) <det> {name:valve} [<in_area>] | <det> {name:valve} [<in_area>] (needs | has) to be (open | opened | on)
t on.y15 = <xpre> (switch to | change to | cue up | switch over to) <det> {name:scene} [scene | mode | lighting] <xpost>
t on.y16 = (set the mood to | set the scene to) <det> {name:scene} [scene | mode | lighting] [please] | (let's have | i'd like | i want | give me | time for | let's do) <det> {name:scene} (scene | mode | lighting) [please]
t on.y17 = <xpre> (kick off | fire off | start up | begin | go through) <det> {name:script} [script | routine | sequence] <xpost> | (it's time for | time for | let's do) <det> {name:script} (script | routine)
t on.y18 = <xpre> (fire up | kick on | put on) <det> {name:climate} [<in_area>] <xpost> | <xpre> (get | have) <det> {name:climate} [<in_area>] (going | running | on)
t on.y19 = (it's | it is | i'm) (freezing | chilly | cold | so cold | absolutely freezing) [in here] , (turn | switch | put) on <det> {name:climate} [<in_area>] [please]
t on.y20 = <xpre> (enable | activate | engage | go into | enter) <det> {name:input_boolean} <xpost>

intent HassTurnOff
t off.y1 = <xpre> (knock off | click off | pop off | put off | cut off) <onoff_tgt> <xpost>
t off.y2 = <xpre> (pop | stick | knock | click | flick) <onoff_tgt> off <xpost>
t off.y3 = <xpre> (extinguish | douse) <det> <lights> [<in_area> | <on_floor>] <xpost>
t off.y4 = [<xlead>] <g1e_ask> (turn | switch | shut) off <onoff_tgt> [for me] [?]
t off.y5 = (i | someone | somebody | we | the kids) left <onoff_tgt> on , (can you | could you | please) (turn | switch | shut) (it | them) off [?]
t off.y6 = (nobody's | no one's | nobody is | no one is) in the {area} (anymore | now | right now) , (turn | switch | shut) (off the lights | the lights off) {domain=light}
t off.y7 = <onoff_tgt> (needs | need) (turning | switching) off [please]
t off.y8 = [<xlead>] (turn | switch | shut) off <onoff_tgt> <g1e_after>
t off.y9 = (i'm | we're | i am | we are) (done | finished) with <onoff_tgt> , (turn | switch | shut) (it | them) off [please]
t off.y10 = <xpre> (pull shut | slide shut | let down | bring down | drop) <cover_tgt> <xpost>
t off.y11 = <xpre> (draw | pull together | close up) <det> <g1e_drapes> [<in_area> | <on_floor>] <xpost> | (it's | it is) (too sunny | too bright | getting dark) , (close | draw) <det> <g1e_drapes> [<in_area>] [please]
t off.y12 = <xpre> (take the lock off | disengage the lock on) <det> {name:lock} [<in_area>] | (someone's | there's someone | the courier is | my friend is) at the door , unlock <det> {name:lock} [<in_area>] [please]
t off.y13 = <xpre> (stop | cut | kill | shut off) the (water | water supply | flow) (to | at | through) <det> {name:valve} [<in_area>] | <det> {name:valve} [<in_area>] (needs | has) to be (closed | shut | off)
t off.y14 = <xpre> (turn | switch | shut | power) <det> {name:climate} [<in_area>] off <xpost>
t off.y15 = (it's | it is) (warm enough | nice and warm | cool enough | comfortable) (now | in here) , (turn | switch | shut) off <det> {name:climate} [<in_area>] [please]
t off.y16 = <xpre> (turn | switch | shut) off (every | every single) (light | lamp) (in the house | in the whole house | in the place | we have) {domain=light}
t off.y17 = <xpre> (turn | switch | shut) off (everything | all the lights) <on_floor> {domain=light} | <xpre> (turn | switch | shut) off the (whole | entire) {floor} {domain=light}
t off.y18 = <xpre> (end | cancel | exit | leave | come out of) <det> {name:input_boolean} <xpost>
t off.y19 = (that's | that is) enough light (in here | <in_area>) {domain=light} , (turn | switch) (them | it) off [please]

intent HassGetState
t st.y1 = [<xlead>] (do you know | can you tell me | could you tell me | any idea) (if | whether) <det> {name:light,switch,fan} is <onoff_state> [?]
t st.y2 = <xpre> (check | see | find out) (if | whether) (<det> {name:cover} [<in_area> | <on_floor>] is <open_state> | <det> {name:lock} [<in_area> | <on_floor>] is <lock_state>) [for me]
t st.y3 = (is | are) <det> {name:fan,switch} (running | going) {state=on} [right now] [?] | is <det> {name:light} lit {state=on} [?]
t st.y4 = did (i | we | you | someone | anybody) (turn | switch) off <det> {name:light,switch,fan} {state=off} [?] | did (i | we) remember to (turn | switch) off <det> {name:light,switch,fan} {state=off} [?]
t st.y5 = (has | have) <det> {name:lock} [<in_area>] been (locked {state=locked} | unlocked {state=unlocked}) [yet] [?] | did (someone | anyone | somebody) unlock <det> {name:lock} [<in_area>] {state=unlocked} [?]
t st.y6 = (is | are) <det> {name:cover} [<in_area> | <on_floor>] (up {state=open} | down {state=closed} | still open {state=open} | still closed {state=closed}) [?]
t st.y7 = has <det> {name:binary_sensor} [<in_area> | <on_floor>] (gone off | been triggered | tripped) {state=on} [?] | did <det> {name:binary_sensor} [<in_area> | <on_floor>] (go off | trip | get triggered) {state=on} [?]
t st.y8 = does <det> {name:binary_sensor} (say | show) (open {state=on} | closed {state=off}) [?] | is <det> {name:binary_sensor} (detecting anything | picking anything up) {state=on} [?]
t st.y9 = <xpre> (check | check on | look at | pull up) <det> {name:sensor,lock,cover,climate,media_player,valve} [for me] | (how's | how is) <det> {name:sensor} (looking | doing) [today | right now] [?]
t st.y10 = (give me | read me | read out) <det> {name:sensor} [reading | value | level] [please]
t st.y11 = [<xlead>] (do you know | any idea | can you tell me | could you check) where {name:person} is [right now | at the moment] [?] | <xpre> (locate | find) {name:person} [for me]
t st.y12 = has {name:person} (made it home | arrived [home | back] | got back) {state=home} [yet] [?] | did {name:person} (make it home | arrive [home | back] | get back) {state=home} [yet] [?]
t st.y13 = is {name:person} (out of the house | not home | not in | not back yet) {state=not_home} [?] | has {name:person} left [the house | home] {state=not_home} [yet] [?]
t st.y14 = (is there (anyone | anybody | someone) | are there (people | any people)) (at home | in the house | home) {domain=person} {state=home} [right now] [?] | is everyone (home | back | in) {domain=person} {state=home} [?]
t st.y15 = did (i | we | someone | anybody) leave (any | the) <ldom> on {state=on} [<in_area> | <on_floor>] [?]
t st.y16 = are there (any | some) <ldom> <onoff_state> [<in_area> | <on_floor>] [?] | (which | what) (switches | plugs) {domain=switch} are <onoff_state> [<in_area> | <on_floor>] [?]
t st.y17 = is everything (locked up | all locked | locked) {domain=lock} {state=locked} [<on_floor>] [?] | is the (house | place) (locked up | all locked up) {domain=lock} {state=locked} [?] | did (we | i | you) lock up {domain=lock} {state=locked} [for the night] [?]
t st.y18 = did (i | we | someone | anybody) leave <det> <coverkind> open {state=open} [<in_area> | <on_floor>] [?] | did (i | we | someone | anybody) leave <det> {name:cover,valve} open {state=open} [?]
t st.y19 = <det> {name:lock} [<in_area>] , did (i | we | someone) lock it {state=locked} [?] | <det> {name:light,switch,fan} , did (i | we | someone) leave it on {state=on} [?]
t st.y20 = (give me | i need | can i get) a (status update | status report | quick status) (on | for) <det> {name:sensor,climate,media_player,light,switch,fan,cover,lock,valve} [please] [?]

intent HassLightSet
t ls.y1 = <xpre> (bring | take | knock) <light_tgt> down to {brightness} <xpost> | <xpre> (bump | crank | push | bring) <light_tgt> up to {brightness} <xpost>
t ls.y2 = <xpre> (dial down | dial up | bring down | bring up | take down) <light_tgt> to {brightness}
t ls.y3 = [<xlead>] <g1e_ask> (dim | set | put) <light_tgt> (to | at) {brightness} [?]
t ls.y4 = (i want | i need | i'd like | i would like) <light_tgt> (at | to be at | on) {brightness}
t ls.y5 = <xpre> (lower | raise | drop | bump up | bring down | bring up) the light level to {brightness} {domain=light} [in here | <in_area> | <on_floor>] | <xpre> (dim | bring) things down to {brightness} {domain=light} [in here | <in_area>]
t ls.y6 = (it's | it is) (too bright | a bit bright | way too bright) (in here | <in_area>) , ((dim | turn down) <det> <lightsd> (to | down to) | bring <det> <lightsd> down to) {brightness} | (it's | it is) (too dark | a bit dark | too dim) (in here | <in_area>) , ((brighten | turn up) <det> <lightsd> (to | up to) | bring <det> <lightsd> up to) {brightness}
t ls.y7 = <xpre> give the {area} a {color} (glow | tint | look) {domain=light} | <xpre> (tint | color | colour) <light_tgt> {color}
t ls.y8 = [<xlead>] (can | could) (we | i) (have | get) <light_tgt> in {color} [?] | (i want | i'd like) <light_tgt> (in | to be) {color}
t ls.y9 = <xpre> make (it | everything | things) {color} (in here | <in_area> | <on_floor>) {domain=light}
t ls.y10 = <xpre> (warm up | cool down) <light_tgt> to {temperature:kelvin}
t ls.y11 = (i want | give me | let's have | let's go with) {temperature:kelvin} (on | for) <light_tgt> | {temperature:kelvin} (on | for) <light_tgt> [please]
t ls.y12 = [<xlead>] (dim | set | put) <light_tgt> to {brightness} <g1e_after>

intent HassClimateSetTemperature
t ct.y1 = <xpre> (bump | crank | turn | push) (up | down) the <heat> to {temperature} [<in_area> | <on_floor>] <xpost>
t ct.y2 = <xpre> (bump | crank | turn | push) <det> {name:climate} (up | down) to {temperature}
t ct.y3 = [<xlead>] <g1e_ask> (set | put) the <heat> (to | at) {temperature} [<in_area> | <on_floor>] [?]
t ct.y4 = (i want | i'd like | i need | i would like) it (at | to be) {temperature} [in here] | (i want | i'd like | i need) the (house | place) (at | to be) {temperature} | (i want | i'd like) the {area} (at | to be) {temperature}
t ct.y5 = (it's | it is) (chilly | a bit cold | freezing) (in here | <in_area>) , (can we | could we | let's) (go | bump it) up to {temperature} [?] | (it's | it is) (too warm | stuffy | way too hot) (in here | <in_area>) , (can we | could we | let's) (go | bring it) down to {temperature} [?]
t ct.y6 = <det> {name:climate} (to | at) {temperature} [please] | <det> {name:climate} , (make it | put it on | put it at) {temperature} [please]
t ct.y7 = <xpre> (set | change | program) the (target | desired) temperature [<in_area> | <on_floor>] to {temperature} | <xpre> (set | change) the (setpoint | target) (on | of | for) <det> {name:climate} to {temperature}
t ct.y8 = [<xlead>] (set | put) the <heat> to {temperature} [<in_area> | <on_floor>] <g1e_after>
t ct.y9 = (let's | can we) (go with | do | try) {temperature} (in here | <in_area> | <on_floor>) [?]
t ct.y10 = <xpre> (heat | warm) up (the whole | all of the | the entire) ({floor} | {area}) to {temperature} | <xpre> (cool | bring) down (the whole | the entire) ({floor} | {area}) to {temperature}
t ct.y11 = (i'm | we're) (cold | freezing | chilly) , (bump | turn | push) up <det> {name:climate} to {temperature} | (i'm | we're) (hot | sweating | baking) , (bump | turn | bring) down <det> {name:climate} to {temperature}

intent HassClimateGetTemperature
t cg.y1 = is it [getting] (warm | cold | chilly | hot | cool) (in here | inside | <in_area> | <on_floor>) [right now] [?]
t cg.y2 = how many degrees is it [in here | inside | <in_area> | <on_floor>] [?] | how many degrees (in here | inside | <in_area>) [?]
t cg.y3 = (what's | what is) <det> {name:climate} (showing | reading | displaying) [right now] [?] | how (warm | cold | hot) does <det> {name:climate} say it is [?]
t cg.y4 = <xpre> (check | read | look up | get me) the (temperature | temp) (in here | inside | <in_area> | <on_floor>) [for me]
t cg.y5 = how (warm | cold | hot | chilly) is the {area} [right now | at the moment] [?] | how (warm | cold) is it <on_floor> [?]
t cg.y6 = (give me | can i get | i'd like) a temperature (reading | update) [in here | for the {area} | from the {area} | <in_area> | <on_floor>] [please] [?]
t cg.y7 = is it (cold | chilly | warm | hot | stuffy) (in here | <in_area> | <on_floor>) or is it just me [?]
t cg.y8 = <in_area> , how (warm | cold | hot) is it [?]
t cg.y9 = (what's | what is | tell me) the (room | house | ambient) temperature [in here | <in_area> | <on_floor>] [?]
t cg.y10 = has it (warmed up | cooled down | heated up) (in here | <in_area> | <on_floor>) [yet] [?] | did it (warm up | cool down) (in here | <in_area> | <on_floor>) [yet] [?]
t cg.y11 = (what's | what is) the temperature (in here | <in_area> | <on_floor>) , (do you know | any idea) [?] | (check | tell me) the temperature <in_area> , please

intent HassFanSetSpeed
t fs.y1 = <xpre> (bump | crank | kick | turn) (up | down) the <fanw> to {percentage} [<in_area> | <on_floor>] <xpost>
t fs.y2 = <xpre> (bump | crank | kick) <det> {name:fan} (up | down) to {percentage}
t fs.y3 = <xpre> (run | spin) <det> {name:fan} at {percentage} [speed | power] | <xpre> run the (fan | fans | ceiling fan) at {percentage} [<in_area> | <on_floor>]
t fs.y4 = [<xlead>] <g1e_ask> ((set | put) the <fanw> (to | at) | turn the <fanw> to) {percentage} [<in_area> | <on_floor>] [?]
t fs.y5 = (i want | i'd like | i need) the (fan | fans | ceiling fan) (at | on | running at) {percentage} [<in_area> | <on_floor>]
t fs.y6 = (it's | it is) (too hot | so hot | stuffy | a bit warm | boiling) (in here | <in_area>) , (put | set | turn) the (fan | fans | ceiling fan) (to | up to | on) {percentage}
t fs.y7 = <det> {name:fan} , (set | put) (it | the speed) (to | at) {percentage} [please] | <det> {name:fan} (to | at) {percentage} [please]
t fs.y8 = <xpre> (change | set | adjust) the speed (of | on) <det> {name:fan} to {percentage} | <xpre> (change | set | adjust) the speed of the (fan | fans | ceiling fan) (<in_area> | <on_floor>) to {percentage}
t fs.y9 = (let's | can we) (have | get | put) the <fanw> (at | on) {percentage} [<in_area> | <on_floor>] [?]
t fs.y10 = [<xlead>] (set | put) the <fanw> to {percentage} [<in_area> | <on_floor>] <g1e_after>
t fs.y11 = <xpre> (set | put | turn) (all the fans | all the ceiling fans | every fan | every ceiling fan) (<on_floor> | <in_area>) to {percentage}

intent HassSetPosition
t pos.y1 = <xpre> (bring | let | drop | take) <cover_tgt> down to {position} <xpost>
t pos.y2 = <xpre> (bring | pull | roll | push) <cover_tgt> up to {position} <xpost>
t pos.y3 = [<xlead>] <g1e_ask> (set | move | put) <cover_tgt> (to | at) {position} [?]
t pos.y4 = (i want | i'd like | i need) <cover_tgt> (at | to be at | open at) {position}
t pos.y5 = <cover_tgt> , (set | move | put) (it | them) (to | at) {position} [please]
t pos.y6 = <xpre> (set | change | adjust) the (position | opening) (of | on | for) <cover_tgt> to {position}
t pos.y7 = <xpre> open <det> {name:valve} (to | up to) {position} | <xpre> (throttle | turn) <det> {name:valve} (down | back) to {position} | <det> {name:valve} (to | at) {position} [open] [please]
t pos.y8 = [<xlead>] (set | move) <cover_tgt> to {position} <g1e_after>
t pos.y9 = <xpre> (set | adjust | put) <cover_tgt> so (it's | they're | it is | they are) {position} open
t pos.y10 = <coverkind> {position} [<in_area> | <on_floor>] [please]


# ---------- g2 (en): more media, volume and broadcast phrasings (ids *.y*) ----------
rule g2e_mpname = <det> {name:media_player}
rule g2e_quiet = it's too quiet | it's way too quiet | i can't hear (it | a thing | anything | the tv | the music) | i can barely hear (it | the tv | the music) | i can hardly hear (it | anything)
rule g2e_loud = it's too loud | it's way too loud | that's too loud | that's really loud | it's deafening | my ears hurt
rule g2e_ann = announce | broadcast
rule g2e_tgt = on <det> {name:media_player} | <in_area>

intent HassMediaPause
t mpa.y1 = <xpre> put <mp_what> on (pause | hold) [<g2e_tgt>] <post>
t mpa.y2 = <xpre> (hit | press | tap | push) (pause | the pause button) [<g2e_tgt>]
t mpa.y3 = <xpre> (pause | stop) (it | that | the music | the movie | the show) (right there | there | for now | for a moment)
t mpa.y4 = <g2e_mpname> , ((pause | stop) [it | that | there] | hold on , pause) [please]
t mpa.y5 = [<xlead>] (i'd like to | i want to | i need to | let me) pause [<mp_what>] [<g2e_tgt>]
t mpa.y6 = would you mind pausing [<mp_what>] [<g2e_tgt>] [?]
t mpa.y7 = <xpre> (pause | stop) (whatever's playing | what's playing | whatever is on) [<g2e_tgt>]
t mpa.y8 = (i'm getting the door | the phone's ringing | i need to take this call | i'll be right back | someone's at the door) , (pause | stop) [<mp_what>] [<g2e_tgt>]
t mpa.y9 = (pause | stop) [<mp_what>] [<g2e_tgt>] , (i'll be right back | i'll be back in a minute | i need a break | be right back)
t mpa.y10 = <in_area> , (pause | stop) <mp_what> [please]
t mpa.y11 = [<xlead>] (can | could) (we | you) (take | have) a (pause | break) (in | from) (the music | the movie | the show | the podcast) [?]
t mpa.y12 = [<xlead>] (can | could) (the music | the movie | the show | it | <g2e_mpname>) be paused [(for a sec | for a moment | for now)] [?]
t mpa.y13 = <xpre> (have | make | get) <g2e_mpname> (pause | stop playing)

intent HassMediaUnpause
t mun.y1 = <xpre> (carry on | pick up | start again) (where (we | you | it | i) left off | from where (we | it | i) (stopped | paused)) [<g2e_tgt>]
t mun.y2 = <xpre> take <mp_what> off (pause | hold) [<g2e_tgt>] <post>
t mun.y3 = <xpre> start (it | the music | the movie | the show | the podcast | the video) back up [<g2e_tgt>]
t mun.y4 = <xpre> (hit play | tap play | (hit | tap | press) the play button) (again | [<g2e_tgt>])
t mun.y5 = [<xlead>] (can | could) you (get | start) (it | the music | the movie | the show | things) (going | playing | rolling) again [<g2e_tgt>] [?]
t mun.y6 = [<xlead>] (ok | alright | okay) (i'm done | the call's over | i'm off the phone | i've got my snack | we're ready) , (you can | go ahead and) (resume | continue | unpause | keep playing) [<mp_what>] [now]
t mun.y7 = <g2e_mpname> , (resume | continue | keep playing | unpause | play on | carry on) [please]
t mun.y8 = [<xlead>] (back to | let's get back to | let's go back to) (the music | the movie | the show | the podcast | the episode | the film)
t mun.y9 = [<xlead>] (i want to | i'd like to | we want to | let's) (keep | continue | go on) (watching | listening) [<g2e_tgt>]
t mun.y10 = (the music | the movie | the show | it | the tv | the video) is [still] paused , (resume | unpause | start) it [again] [please]
t mun.y11 = [<xlead>] (will | would) you (resume | unpause | continue) [<mp_what>] [<g2e_tgt>] [please] [?]
t mun.y12 = <in_area> , (resume | unpause | continue) [<mp_what>] [please]
t mun.y13 = <xpre> (end | cancel) the pause [<g2e_tgt>]
t mun.y14 = [<xlead>] (can | could) (the music | the movie | the show | it | <g2e_mpname>) (resume | continue | keep playing | start again) [now] [?]
t mun.y15 = <xpre> (play on | let it play | let it run) [<g2e_tgt>]

intent HassMediaNext
t mnx.y1 = <xpre> (move | jump | skip) (on | ahead | forward) to the next (song | track | episode | one) [<g2e_tgt>]
t mnx.y2 = (i don't like | i hate | i'm not a fan of | i can't stand | i'm sick of) (this | this song | this one | this track) , (skip | next | skip it) [please]
t mnx.y3 = <xpre> (change | switch) (the | this) (song | track) [<g2e_tgt>] <post>
t mnx.y4 = [<xlead>] (can | could) we (skip | move on from) (this | this one | this song | this track) [<g2e_tgt>] [?]
t mnx.y5 = <g2e_mpname> , (next | skip | next song | next track | skip this one) [please]
t mnx.y6 = <xpre> advance to the next (song | track | episode) [<g2e_tgt>]
t mnx.y7 = [<xlead>] (on to | onto) the next (one | song | track | episode) [<g2e_tgt>] [please]
t mnx.y8 = (skip | next) [it | this one] , (this one's | this song is | it's) (boring | terrible | awful | not my thing)
t mnx.y9 = [<xlead>] (i'd like to hear | i want | give me | let's hear) the next (song | track | one) [<g2e_tgt>]
t mnx.y10 = <xpre> (play | put on) the following (song | track | episode) [<g2e_tgt>]
t mnx.y11 = let's (skip | skip this one | move on | hear the next one) [<g2e_tgt>]
t mnx.y12 = <in_area> , (skip [this | the] (song | track) | next (song | track) | skip this one) [please]
t mnx.y13 = would you mind skipping (this | this one | this song | this track | ahead) [<g2e_tgt>] [?]
t mnx.y14 = <xpre> skip (over | past) (this | this one | this song | this track) [<g2e_tgt>]

intent HassMediaPrevious
t mpr.y1 = <xpre> play the (song | track | episode) before (this | this one | that) [<g2e_tgt>]
t mpr.y2 = <xpre> (jump | step | hop | skip) back ((a | one) (song | track) | (an | one) episode) [<g2e_tgt>]
t mpr.y3 = [<xlead>] (i want to | i'd like to | let me) hear the (last | previous) (song | track) again [<g2e_tgt>]
t mpr.y4 = [<xlead>] (can | could) we go back (a | one) (song | track) [<g2e_tgt>] [?]
t mpr.y5 = [<xlead>] (can | could) you (replay | put on) the previous (song | track | episode) [<g2e_tgt>] [?]
t mpr.y6 = <g2e_mpname> , (previous | go back | back one | last song | previous track) [please]
t mpr.y7 = (wait | oh wait | hang on) , go back [a song | one] , (i liked that (one | song) | that was a good one | i missed that one)
t mpr.y8 = <xpre> (return to | go back to) the (last | previous | earlier) (song | track | episode) [<g2e_tgt>]
t mpr.y9 = <xpre> (skip | go) (backwards | backward) [(a | one) (song | track)] [<g2e_tgt>]
t mpr.y10 = the (song | track) before (this | this one) [please] [<g2e_tgt>]
t mpr.y11 = <in_area> , (go back | skip back) (a | one) (song | track)
t mpr.y12 = would you mind going back (a | one) (song | track) [<g2e_tgt>] [?]
t mpr.y13 = [<xlead>] previous (episode | chapter) [please] [<g2e_tgt>]
t mpr.y14 = <xpre> back up (a | one) (song | track) [<g2e_tgt>]

intent HassSetVolume
t sv.y1 = <xpre> make the <vol> {volume_level} [<g2e_tgt>] <post>
t sv.y2 = <xpre> (bring | move | adjust | switch) the <vol> to {volume_level} [<g2e_tgt>]
t sv.y3 = [<xlead>] (can | could) the <vol> be (at | set to) {volume_level} [<g2e_tgt>] [?]
t sv.y4 = [<xlead>] (i want | i need | i'd like) the <vol> (at | to be) {volume_level} [<g2e_tgt>]
t sv.y5 = <g2e_mpname> , (<vol> | set the <vol> | put the <vol>) (to | at) {volume_level} [please]
t sv.y6 = <xpre> keep the <vol> at {volume_level} [<g2e_tgt>]
t sv.y7 = <xpre> (set | put | turn) <g2e_mpname> <vol> to {volume_level}
t sv.y8 = <xpre> (adjust | change) the <vol> <in_area> to {volume_level}
t sv.y9 = {volume_level} volume [<g2e_tgt>] [please]
t sv.y10 = <xpre> (bring | turn | crank | push) the <vol> up to {volume_level} [<g2e_tgt>] | <xpre> (bring | turn | drop | take) the <vol> down to {volume_level} [<g2e_tgt>]
t sv.y11 = [<xlead>] the <vol> should be (at | set to) {volume_level} [<g2e_tgt>]
t sv.y12 = (<g2e_loud> | it's too quiet | i can't hear it) , ((set | put) (it | the volume) (to | at) | turn (it | the volume) to) {volume_level} [please]
t sv.y13 = <xpre> (play | have) (it | the music) at {volume_level} [volume] [<g2e_tgt>]
t sv.y14 = (can | could) you (put | get) the <vol> (at | to) {volume_level} [<g2e_tgt>] [?]

intent HassSetVolumeRelative
t vr.y1 = <xpre> (bump | nudge | kick) (it | the <vol> | the music) up {volume_step=up} <vtgt> | <xpre> (bump | nudge | knock) (it | the <vol> | the music) down {volume_step=down} <vtgt>
t vr.y2 = <xpre> (bump | nudge) up the <vol> {volume_step=up} <vtgt> | <xpre> (knock | bring) down the <vol> {volume_step=down} <vtgt>
t vr.y3 = [<xlead>] <g2e_quiet> [in here] {volume_step=up} [, (turn it up | louder) [please]]
t vr.y4 = [<xlead>] <g2e_loud> [in here] {volume_step=down} [, (turn it down | quieter) [please]]
t vr.y5 = (the music | the tv | the sound | this) is too (loud {volume_step=down} | quiet {volume_step=up}) <vtgt> [, (can you fix that | please fix it)]
t vr.y6 = [<xlead>] (could | can) (it | the music | the tv) be (a bit | a little | any | a tad) (louder {volume_step=up} | quieter {volume_step=down} | softer {volume_step=down}) <vtgt> [?]
t vr.y7 = <g2e_mpname> , (louder {volume_step=up} | quieter {volume_step=down} | turn it up {volume_step=up} | turn it down {volume_step=down} | volume up {volume_step=up} | volume down {volume_step=down}) [please]
t vr.y8 = (<in_area> | <on_floor>) , (louder {volume_step=up} | quieter {volume_step=down} | turn it up {volume_step=up} | turn it down {volume_step=down}) [please]
t vr.y9 = <xpre> (dial | tone) (it | the music | the volume) down {volume_step=down} <vtgt> | <xpre> dial (it | the music | the volume) up {volume_step=up} <vtgt>
t vr.y10 = <xpre> (bump | push | bring | pump) the <vol> up by {volume_step:up} <vtgt>
t vr.y11 = <xpre> (drop | bring | take | knock) the <vol> down by {volume_step:down} <vtgt>
t vr.y12 = <vol> up by {volume_step:up} <vtgt> [please] | <vol> down by {volume_step:down} <vtgt> [please]
t vr.y13 = (not so loud | less loud | a touch quieter) {volume_step=down} <vtgt> [please] | (a touch louder | a tad louder | louder still) {volume_step=up} <vtgt> [please]
t vr.y14 = would you mind turning (it | the music | the volume) (up {volume_step=up} | down {volume_step=down}) <vtgt> [?] | would you mind making (it | the music) (louder {volume_step=up} | quieter {volume_step=down}) <vtgt> [?]
t vr.y15 = <xpre> (give it | add) (some more | a bit more) volume {volume_step=up} <vtgt> | <xpre> take (some | a bit) of the volume off {volume_step=down} <vtgt>

intent HassMediaPlayerMute
t mu.y1 = <xpre> (kill | cut) the (sound | audio) [on <g2e_mpname>]
t mu.y2 = <xpre> put (<g2e_mpname> | it | the tv | the speaker | the music) on mute <post>
t mu.y3 = <xpre> (turn | switch) (mute on | on mute) [(for | on) <g2e_mpname>]
t mu.y4 = <xpre> (hit | press | tap) (mute | the mute button) [on <g2e_mpname>]
t mu.y5 = [<xlead>] (can | could) (the tv | it | the music | <g2e_mpname>) be muted [?]
t mu.y6 = [<xlead>] (can | could) you put (<g2e_mpname> | it | the tv) on mute [?]
t mu.y7 = (it's too noisy in here | i can't think | i need some quiet | i'm trying to sleep) , (mute [<g2e_mpname> | it | the tv | the music] | silence (<g2e_mpname> | it | the tv | the music))
t mu.y8 = <g2e_mpname> , (be quiet | shut up | hush | go silent | mute yourself) [please]
t mu.y9 = <xpre> (mute | silence) (it | the tv | the sound | the audio | <g2e_mpname>) (for a (sec | second | moment | minute) | for now)
t mu.y10 = [<xlead>] i (want | need) (<g2e_mpname> | it | the tv) on mute
t mu.y11 = mute (it | the tv | <g2e_mpname>) , (the phone is ringing | someone's at the door | i'm on a call | the baby is sleeping)
t mu.y12 = <xpre> shut off the (sound | audio) [(on | for) <g2e_mpname>]
t mu.y13 = [<xlead>] (let's | we should) mute [<g2e_mpname> | the tv | the music | it]

intent HassMediaPlayerUnmute
t um.y1 = <xpre> take (<g2e_mpname> | it | the tv | the speaker | the music) off mute <post>
t um.y2 = <xpre> (turn | switch) off (mute | the mute) [(for | on) <g2e_mpname>]
t um.y3 = <xpre> (disable | cancel | undo | deactivate | get rid of) [the] mute [(for | on) <g2e_mpname>]
t um.y4 = <xpre> (restore | bring back) the (sound | audio) [(on | for) <g2e_mpname>]
t um.y5 = [<xlead>] (can | could) (you | we) take (<g2e_mpname> | it | the tv) off mute [?]
t um.y6 = [<xlead>] (can | could) (i | we) (have | get) the (sound | audio) back [on <g2e_mpname>] [?]
t um.y7 = (it's | the tv is | the speaker is | the music is) still muted , (unmute it | take it off mute | fix that | turn the sound back on) [please]
t um.y8 = <g2e_mpname> , (sound on | unmute | audio back on | you can talk again | come off mute) [please]
t um.y9 = <xpre> (hit | press | tap) (unmute | the unmute button) [on <g2e_mpname>]
t um.y10 = [<xlead>] (i want | i need | give me) (the | my) (sound | audio) back [on <g2e_mpname>]
t um.y11 = [<xlead>] (ok | okay | alright) (you can | go ahead and) unmute [<g2e_mpname> | it | the tv] [now]
t um.y12 = mute off [(on | for) <g2e_mpname>] [please] | no more mute [please]
t um.y13 = [<xlead>] (it | the tv | <g2e_mpname>) (doesn't need to | shouldn't) be (muted | on mute) (anymore | any more | now)
t um.y14 = <xpre> (re-enable | switch back on) the (sound | audio) [(on | for) <g2e_mpname>]
t um.y15 = [<xlead>] i can't hear anything , (unmute | take it off mute) [<g2e_mpname> | the tv]

intent HassMediaSearchAndPlay
t ms.y1 = <xpre> (queue up | cue up | throw on | stick on | blast | crank up) {search_query} <mplace>
t ms.y2 = <xpre> (stream | start streaming) {search_query} <mplace>
t ms.y3 = [<xlead>] let's (hear | listen to | have | put on) {search_query} <mplace>
t ms.y4 = [<xlead>] (let's | i want to | we want to | i wanna) watch (the movie {media_class=movie} {search_query:movie} | {search_query:movie} | the show {media_class=tv_show} {search_query:tv_show} | {search_query:tv_show}) <mplace>
t ms.y5 = <xpre> (play | put on) {search_query:artist} (songs | tracks | music) {media_class=artist} <mplace>
t ms.y6 = <xpre> (play | put on) the (song | track) (called | named) {media_class=track} {search_query:track} <mplace>
t ms.y7 = <xpre> shuffle (my | the) {search_query:playlist} playlist {media_class=playlist} <mplace> | <xpre> shuffle (songs | music | tracks) by {media_class=artist} {search_query:artist} <mplace>
t ms.y8 = [<xlead>] i (want to | wanna | would like to) (listen to | hear) the (podcast {media_class=podcast} {search_query:podcast} | album {media_class=album} {search_query:album} | song {media_class=track} {search_query:track}) <mplace>
t ms.y9 = [<xlead>] (can | could | may) (i | we) (get | have) {search_query} <mplace> [please] [?]
t ms.y10 = <xpre> (play | put on) {search_query} (through | over | using | with) <g2e_mpname> [<in_area>]
t ms.y11 = (i'm cooking | i'm working | i'm relaxing | it's too quiet in here | i had a long day) , (play | put on) {search_query} <mplace>
t ms.y12 = {search_query} (on | through) <g2e_mpname> [please] | {search_query} <in_area> [please]
t ms.y13 = <xpre> (start | begin) (my | the) {search_query:playlist} (playlist | mix) {media_class=playlist} <mplace>
t ms.y14 = [<xlead>] (give me | i need | i could use | i could go for) {search_query} <mplace> [please]
t ms.y15 = would you (play | put on) {search_query} <mplace> [for me] [?]
t ms.y16 = <xpre> (fire up | load up | bring up) (the movie {media_class=movie} {search_query:movie} | the show {media_class=tv_show} {search_query:tv_show} | the album {media_class=album} {search_query:album} | {search_query}) <mplace>

intent HassBroadcast
t bc.y1 = <xpre> (shout | yell | holler | call out) (to everyone | to the house | through the house | to everybody) [that] {message}
t bc.y2 = <xpre> (make | do) an announcement [saying | that | :] {message}
t bc.y3 = <xpre> (send | play) this (to | on | over) (all the speakers | every speaker) : {message} | <xpre> (send | play) this to the whole house : {message}
t bc.y4 = <xpre> (say | <g2e_ann>) (over | on | through) the intercom [that] {message}
t bc.y5 = [<xlead>] (will | would) you (tell everyone | tell everybody | let everyone know | let everybody know) [that] {message} [?]
t bc.y6 = <xpre> (tell (the kids | everyone at home | everybody in the house | the whole family) | let (the kids | everyone at home | everybody in the house | the whole family) know) [that] {message}
t bc.y7 = <xpre> <g2e_ann> (this | the following | this message) : {message}
t bc.y8 = {message} , (pass (that | it) on to (everyone | the house) | put that out on (all the speakers | every speaker) | let the whole house hear it)
t bc.y9 = [<xlead>] (i need to | i want to | i'd like to) (<g2e_ann> | tell everyone | let everyone know) [that] {message}
t bc.y10 = <xpre> (give | send) (everyone | the house | the family | everybody) a (heads up | quick heads up | shout) [that | saying] {message}
t bc.y11 = <xpre> <g2e_ann> (throughout the house | house-wide | in all rooms | to all the rooms | all over the house) [that] {message}
t bc.y12 = <xpre> (relay (a message | this | the message) | pass on (a message | the message) | pass this on) to (everyone | the house | all rooms) : {message}
t bc.y13 = [<xlead>] (can | could) you (shout | yell | call out) to (everyone | the house | everybody) [that] {message} [?]
t bc.y14 = (intercom | house announcement | announcement for everyone) : {message}
t bc.y15 = <xpre> (play | put out) an announcement (on | over | through) (every speaker | the speakers | the whole house) [saying | that] {message}


# ---------- g3 (timers, time, date, weather, nevermind, respond): new verbs, word orders,
# questions, indirect requests, follow-ups without a target; written for hubd ----------
# a timer said as a countdown, with "that", or "the timer for the pasta" (timer_tgt itself twice,
# so the plain forms stay the most frequent)
rule g3e_tt = <timer_tgt> | <timer_tgt> | [the] countdown | the {name:timer} countdown | the countdown (for | called) {name:timer} | (the | my | that) <sdur> countdown | the countdown <in_area> | that timer | that {name:timer} timer | that <sdur> timer | the timer (for | on) (the | my) {name:timer}
# every timer at once (cancel all), never one timer
rule g3e_allt = all [of] (the | my | our) timers | all timers | every single timer | every last timer | each and every timer | both [of] (the | my) timers | all the running timers | all my (running | active) timers | every (running | active) timer
# a weather entity
rule g3e_wx = (in | at | for) {name:weather}

intent HassStartTimer
t tm.y1 = <xpre> (stick | pop | put | throw) a timer on for <dur> <xpost>
t tm.y2 = [<xlead>] (i need | i'll need | we need) a timer (for | of) <dur> [please]
t tm.y3 = <xpre> (let me know | tell me | give me a shout | give me a heads up) when it's been <dur>
t tm.y4 = <xpre> (count down | countdown) from <dur> [please]
t tm.y5 = <xpre> wait <dur> (and | and then | , then) {conversation_command}
t tm.y6 = <xpre> (set | start) a timer for <dur> (to | and then) {conversation_command}
t tm.y7 = <xpre> {conversation_command} , but (wait | only after) <dur>
t tm.y8 = <xpre> (set | start) a timer for <dur> and (call | name | label) it {name:timer}
t tm.y9 = [<xlead>] (how about | could i get | can i get | can i have) a <dur> timer [for (the | my) {name:timer}] [?]
t tm.y10 = [<xlead>] (timer | countdown) , <dur> , (starting now | go | from now) | [<xlead>] <dur> , starting now
t tm.y11 = [<xlead>] {name:timer} (just started | just went in | just went on) , (set | start) a timer for <dur>
t tm.y12 = <xpre> (begin | kick off | fire up) a (timer | countdown) (for | of) <dur>

intent HassCancelTimer
t tc.y1 = <xpre> (scrap | ditch | axe | nix | abort | scratch) <g3e_tt> <xpost>
t tc.y2 = <xpre> get rid of <g3e_tt> <xpost>
t tc.y3 = [<xlead>] (i | we) (don't | do not) need <g3e_tt> (anymore | any more | any longer)
t tc.y4 = [<xlead>] there's no need for <g3e_tt> (anymore | now) [, (cancel | kill) it]
t tc.y5 = <xpre> (cancel | delete | remove) <g3e_tt> (altogether | completely | for good | entirely)
t tc.y6 = [<xlead>] you can [go ahead and] (cancel | stop | get rid of | delete) <g3e_tt> [now]
t tc.y7 = <g3e_tt> (is no longer needed | isn't necessary anymore | can be cancelled | can be deleted | can go) [, thanks]
t tc.y8 = [<xlead>] (is it possible to | can i | could i) (cancel | delete | get rid of) <g3e_tt> [?]
t tc.y9 = <xpre> (terminate | quit | unset) <g3e_tt>
t tc.y10 = <xpre> stop and (delete | remove | clear) <g3e_tt>
t tc.y11 = (i already took it out | it's already out | i'm done early | we're done) , <xpre> (cancel | stop | kill | ditch) <g3e_tt>
t tc.y12 = <xpre> (cancel | kill | stop | scrap) (that | this) (timer | countdown) [please]

intent HassCancelAllTimers
t ta.y1 = <xpre> (get rid of | scrap | ditch | wipe out | kill | nuke) <g3e_allt> [<in_area>] <xpost>
t ta.y2 = <xpre> (cancel | stop | clear | delete) <g3e_allt> [<in_area>]
t ta.y3 = [<xlead>] (i | we) (don't | do not) need (any of the | any of my | any) timers [<in_area>] (anymore | any more | now)
t ta.y4 = <xpre> (cancel | clear | stop) ((whatever timers | any timers that) are [still] (running | going | set) | (any | whatever) timers (i | we) have (running | going | set)) [<in_area>]
t ta.y5 = (my timers | the timers | all the timers) [<in_area>] , (cancel | clear | kill) (them all | all of them | the lot)
t ta.y6 = [<xlead>] (can | could | would) you (get rid of | clear out | wipe) all [of] (the | my) timers [<in_area>] [?]
t ta.y7 = <xpre> (cancel | clear | delete) all the {area} timers
t ta.y8 = [<xlead>] no more timers [<in_area>] [please | , cancel them all]

intent HassIncreaseTimer
t ti+.y1 = <xpre> (tack | throw | stick | slap) <dur> (on | onto) <g3e_tt> <xpost>
t ti+.y2 = <xpre> (add | tack on | put) (another | an extra) <dur> (to | on | onto) <g3e_tt>
t ti+.y3 = <xpre> give <g3e_tt> (another | an extra) <dur>
t ti+.y4 = <xpre> top up <g3e_tt> (by | with) <dur> | <xpre> top <g3e_tt> up (by | with) <dur>
t ti+.y5 = <xpre> stretch <g3e_tt> [out] by [another] <dur>
t ti+.y6 = [<xlead>] (can | could | would) you (give <g3e_tt> <dur> more | make <g3e_tt> <dur> longer | put <dur> more on <g3e_tt>) [?]
t ti+.y7 = [<xlead>] (i | we) need (another | an extra) <dur> (on | for) <g3e_tt>
t ti+.y8 = <g3e_tt> (is too short | isn't long enough | won't be long enough) , (add | give it) <dur> [more]
t ti+.y9 = (another | an extra) <dur> (on | for) <g3e_tt> [please]
t ti+.y10 = <xpre> (add | put) (another | an extra) <dur> on the clock
t ti+.y11 = <xpre> (extend | increase) the time on <g3e_tt> by <dur>
t ti+.y12 = <xpre> (add | tack on) (another | an extra) <dur> [to it | to that]

intent HassDecreaseTimer
t td.y1 = <xpre> (cut | trim | chop | lop) <dur> off <g3e_tt> <xpost>
t td.y2 = <xpre> (cut | trim) <g3e_tt> [down] by <dur>
t td.y3 = <xpre> make <g3e_tt> <dur> shorter
t td.y4 = [<xlead>] (can | could | would) you (make <g3e_tt> <dur> shorter | cut <dur> (off | from) <g3e_tt> | take <dur> away from <g3e_tt>) [?]
t td.y5 = <g3e_tt> is (too long | set too long) , (cut | take | knock) <dur> off [it]
t td.y6 = [<xlead>] i (set | made) <g3e_tt> <dur> too long , (fix | shorten | correct) it
t td.y7 = [<xlead>] (i | we) need <dur> less (on | for) <g3e_tt>
t td.y8 = <xpre> (reduce | cut | decrease) the time on <g3e_tt> by <dur>
t td.y9 = <xpre> dock <dur> (from | off) <g3e_tt>
t td.y10 = <xpre> (take | cut | knock) <dur> off the clock
t td.y11 = <g3e_tt> (needs | could do with) <dur> less | <g3e_tt> should be <dur> shorter
t td.y12 = <xpre> (take | knock | cut) <dur> off (it | that)

intent HassPauseTimer
t tp.y1 = <xpre> put <g3e_tt> on (hold | pause) <xpost>
t tp.y2 = <xpre> (hit | press | push) pause on <g3e_tt>
t tp.y3 = [<xlead>] (can | could | would) you (put <g3e_tt> on hold | hold <g3e_tt> | freeze <g3e_tt>) [for a (sec | second | minute | moment)] [?]
t tp.y4 = <xpre> (pause | hold | freeze) <g3e_tt> (right there | where it is | temporarily | for the moment)
t tp.y5 = (someone's at the door | the phone's ringing | i have to take this call | hang on a minute | wait a second) , (pause | hold) <g3e_tt> [please]
t tp.y6 = <xpre> (freeze | hold) the clock on <g3e_tt>
t tp.y7 = <g3e_tt> , put it on (hold | pause) [please]
t tp.y8 = [<xlead>] (don't | do not) (cancel | stop | delete) <g3e_tt> , just (pause | hold | freeze) it
t tp.y9 = [<xlead>] (is it possible to | can i | could i) (pause | hold) <g3e_tt> [?]
t tp.y10 = <xpre> pause (that | this) (timer | countdown) [for (a bit | now)]

intent HassUnpauseTimer
t tu.y1 = <xpre> (take | bring) <g3e_tt> off (hold | pause) <xpost>
t tu.y2 = <xpre> (hit | press | push) (play | resume) on <g3e_tt>
t tu.y3 = <xpre> carry on with <g3e_tt> | <xpre> (let | have) <g3e_tt> (carry on | keep going | run again | tick again)
t tu.y4 = <xpre> pick <g3e_tt> (back up | up again) | <xpre> pick up <g3e_tt> where it left off
t tu.y5 = <g3e_tt> (can | should) (carry on | continue | keep going | start ticking again) now
t tu.y6 = [<xlead>] <g3e_tt> (doesn't need to | shouldn't) be paused (anymore | any more | any longer) | [<xlead>] (no need to | you don't have to) keep <g3e_tt> (paused | on hold) (anymore | any longer)
t tu.y7 = [<xlead>] (can | could | would) you (take <g3e_tt> off hold | set <g3e_tt> running again | let <g3e_tt> continue) [?]
t tu.y8 = (ok | okay | alright) (i'm ready | ready | we're back | back again) , (start | get) <g3e_tt> (going | ticking) again
t tu.y9 = <xpre> (start | get) the clock (running | going | ticking) again on <g3e_tt> | <xpre> (resume | unfreeze) the clock on <g3e_tt>
t tu.y10 = <xpre> (resume | continue | unpause) (that | this) (timer | countdown) [now]

intent HassTimerStatus
t ts.y1 = is <g3e_tt> (done | finished | up | over) [yet] [?] | is <g3e_tt> (almost | nearly) (done | finished | up) [?] | is <g3e_tt> still (going | running | on) [?]
t ts.y2 = has <g3e_tt> (gone off | finished | run out | ended) [yet] [?] | did <g3e_tt> (go off | finish | run out | end) [yet] [?]
t ts.y3 = how many (minutes | seconds | hours) (are left | remain | left) (on | for) <g3e_tt> [?]
t ts.y4 = what does <g3e_tt> (say | show | read) [?] | (what's | what is) <g3e_tt> (showing | reading) [?]
t ts.y5 = (time left | remaining time | time remaining) (on | for) <g3e_tt> [?]
t ts.y6 = (do i have | have i got | do we have | are there) any timers (running | going | set | on) [<in_area>] [?]
t ts.y7 = (which | what) timers (are running | are going | are set | do i have going | do we have running) [<in_area>] [?]
t ts.y8 = <xpre> (list | read out | run through) [all] (my | the) timers [<in_area>]
t ts.y9 = how much longer (on <g3e_tt> | for <g3e_tt> | does <g3e_tt> have | has <g3e_tt> got | until <g3e_tt> (is done | goes off | rings)) [?]
t ts.y10 = [<xlead>] (can | could) you (see | check) (if | whether) <g3e_tt> (is done | has gone off | is still running) [?]
t ts.y11 = [<xlead>] (remind me | tell me again) how (much time | long) (is left | remains) on <g3e_tt>

intent HassGetCurrentTime
t ti.y1 = how late is it [now | already | getting] [?]
t ti.y2 = (time check | quick time check) [please] [?]
t ti.y3 = (what does | what's) the clock say [?]
t ti.y4 = [<xlead>] (i need | i'd like) to know (the time | what time it is)
t ti.y5 = (what | which) hour is it [now] [?]
t ti.y6 = (could | can | would) you (let me know | remind me) what time it is [?]
t ti.y7 = (is it (noon | midnight) yet | is it already (noon | midnight)) [?]
t ti.y8 = (the time | current time) [please] [?]
t ti.y9 = (i've lost track of time | i'm running late | my phone's dead | i can't see the clock) , (what time is it | what's the time) [?]
t ti.y10 = (what time's it | what's the time then | what time we got) [?]

intent HassGetCurrentDate
t da.y1 = what day of the (week | month) is it [today] [?]
t da.y2 = (which | what) day (is today | are we on) [?]
t da.y3 = (is it (monday | tuesday | wednesday | thursday | friday | saturday | sunday) [today] | is today (monday | tuesday | wednesday | thursday | friday | saturday | sunday)) [?]
t da.y4 = (what | which) year is it [now] [?]
t da.y5 = (today's date | the date) [please] [?]
t da.y6 = (i've lost | i lost) track of the days , what (day | date) is it [?]
t da.y7 = [<xlead>] (i need | i'd like) to know (the date | today's date | what day it is)
t da.y8 = (could | can | would) you (let me know | remind me) (what day it is | the date | what the date is) [?]
t da.y9 = (what's | what is) the (full | exact | current) date [?]
t da.y10 = (what's | what is) the day and date [today] [?]

intent HassGetWeather
t we.y1 = [<xlead>] do i need (an umbrella | a jacket | a coat | sunscreen | a raincoat) [today | tonight | later] [?]
t we.y2 = [<xlead>] should i (bring | take | grab | wear) (an umbrella | a jacket | a coat | a sweater) [today] [?]
t we.y3 = (what's | what is) it like (outside | out there | outdoors) [today | right now] [?]
t we.y4 = how (hot | cold | warm | chilly) is it (outside | out there | outdoors) [today | right now] [?]
t we.y5 = (what's | what is) the temperature (outside | outdoors | out there) [right now] [?]
t we.y6 = (any | is there any) (rain | snow) (expected | coming | on the way | in the forecast) [today | tonight | later] [?] | is there a storm (coming | on the way) [?]
t we.y7 = (weather report | weather update | forecast please | weather please | the weather) [?]
t we.y8 = (what does | what's) the forecast (say | look like) [<g3e_wx>] [for today] [?]
t we.y9 = ((weather | forecast) <g3e_wx> | {name:weather} (weather | forecast)) [please] [?]
t we.y10 = [<xlead>] (can | could | would) you (check | tell me | look up) (what the weather's like | what the weather is doing | the forecast) [<g3e_wx>] [?]
t we.y11 = (what's | what is) the weather (doing | up to) [<g3e_wx>] [today | right now] [?]
t we.y12 = (is it | is it still) (raining | pouring | snowing | sunny | nice | freezing | foggy) (out | out there) [?]
t we.y13 = is it (raining | snowing | sunny | windy) (at | in) {name:weather} [right now] [?]
t we.y14 = (how's it looking | what's it looking like) (outside | out there) [today] [?]
t we.y15 = <xpre> (pull up | bring up | read me) the (forecast | weather) [<g3e_wx>]

intent HassNevermind
t nm.y1 = [oh , | sorry ,] (i changed my mind | i've changed my mind | changed my mind) [!]
t nm.y2 = (my mistake | my bad | wrong button | false alarm | that was a mistake) [, never mind] [!]
t nm.y3 = (i didn't mean to say that | i didn't mean to ask that | i didn't mean that | didn't mean to) [, sorry]
t nm.y4 = [sorry ,] (i was talking to someone else | i wasn't talking to you | not you | wasn't talking to you) [!]
t nm.y5 = (leave it | drop it | skip it | let it go | don't bother | no need) [!]
t nm.y6 = (never mind | forget it) , i'll do it (myself | later) [!]
t nm.y7 = (wait | hold on | hang on) , (no | actually) , (don't | don't do that | forget it)
t nm.y8 = (it doesn't matter | doesn't matter | not important | it's not important) [, never mind] [!]
t nm.y9 = (never mind | forget it | no worries) , (i figured it out | i found it | it's fine | it's sorted) [!]
t nm.y10 = (stop listening | go back to sleep | you can go back to sleep | that's not for you) [!]
t nm.y11 = (nope | no) , that's not what i (meant | wanted) , (forget it | never mind)
t nm.y12 = (cancel (the | my) request | abort | don't do anything | do nothing) [!]

intent HassRespond
t re.y1 = (much appreciated | appreciate it | i appreciate it | many thanks | thanks heaps | thanks loads | thanks a ton) [!]
t re.y2 = (well done | good job | nice work | great job | nicely done | good work) [hub] [!]
t re.y3 = (that's perfect | that's exactly right | that's just what i wanted | that works | that's fine | that'll do) [, thanks] [!]
t re.y4 = (got it | sounds good | fair enough | understood | alright then | okay then) [, thanks] [!]
t re.y5 = (thanks | thank you) (for that | for the help | for your help | for doing that | so much for that) [!]
t re.y6 = (bye | goodbye | see you later | see ya | talk to you later | later hub) [!]
t re.y7 = (hello again | hi again | hey again | hey hub , hello) [!]
t re.y8 = (you're a star | you're a lifesaver | thanks , you're a star) [!]
t re.y9 = (ok thanks | okay thank you | alright thanks | right , thanks) [!]
t re.y10 = (good morning to you | afternoon | g'day | hey hey) [!]


# ---------- g4 (en): more phrasings for lists, vacuum, mower and chit-chat negatives ----------
# own rules (prefix g4e_), so that no shared rule gains alternatives
rule g4e_dock = (the | its) (dock | base | charger | charging station | docking station)
rule g4e_mower = mower | lawn mower | lawnmower | robot mower | robotic mower
rule g4e_vacverb = fire up | kick off | crank up | boot up | wake up | activate | set off
rule g4e_shop = [my | the | our] shopping list
rule g4e_ls = [my | the | our] <list>

intent HassShoppingListAddItem
t sl.y1 = <xpre> (jot down | write down | note down | stick | slap) {item} (on | onto) <g4e_shop> <xpost>
t sl.y2 = <xpre> (write | jot | note | scribble) {item} down (on | in) <g4e_shop>
t sl.y3 = (we've run out of | we ran out of | we're all out of | there's no more | we've got no) {item} , (add | stick | put) (it | that | some) (on | to) the shopping list
t sl.y4 = <xpre> (make a note | note) to (buy | get | pick up | grab) {item} [on the shopping list]
t sl.y5 = [<xlead>] (can | could) {item} go (on | onto) <g4e_shop> [?]
t sl.y6 = [<xlead>] (can | could | would) you (stick | jot down | write down | pop) {item} (on | onto) <g4e_shop> [for me] [?]
t sl.y7 = (i | we) (have to | must | gotta | need to remember to) (buy | get | pick up | grab) {item} (this week | tomorrow | later | at the weekend) , (note | save | stick) it on the shopping list
t sl.y8 = <xpre> (put down | write down) {item} for (the next | my next | our next) (shop | shopping trip | grocery run | trip to the supermarket)
t sl.y9 = (oh and | also | and) {item} (on | for) the shopping list [please | too]
t sl.y10 = [<xlead>] (i want to | i'd like to | let me) add {item} to <g4e_shop>
t sl.y11 = <xpre> (add | put) {item} (on | to) <g4e_shop> (before i forget | while i remember | so i don't forget)
t sl.y12 = [<xlead>] make sure {item} (is | gets | goes) on <g4e_shop>

intent HassShoppingListCompleteItem
t sc.y1 = <xpre> (scratch | score | knock) {item} off <g4e_shop> <xpost>
t sc.y2 = <xpre> (complete | finish | close out) {item} on <g4e_shop>
t sc.y3 = <xpre> (put | place) a (tick | check | check mark | checkmark) (next to | by | beside) {item} on <g4e_shop>
t sc.y4 = (on | in) <g4e_shop> , ({item} (is | are) (done | checked | bought | ticked) | {item} can be (ticked | checked) off)
t sc.y5 = (just | already) (grabbed | got | bought | picked up | found) {item} , (check | tick | scratch) (it | that) off <g4e_shop>
t sc.y6 = (that's | that is) {item} (sorted | done | taken care of | in the trolley | in the cart) , (cross | tick | check) it off <g4e_shop>
t sc.y7 = (you can | go ahead and | feel free to) (cross | check | tick) {item} off <g4e_shop> [now]
t sc.y8 = [<xlead>] (can | could | would) you (mark | tick) {item} (as bought | as purchased | off) (on | in) <g4e_shop> [?]
t sc.y9 = (i | we) (found | managed to get | finally got) {item} , (check | cross | tick) it off the shopping list
t sc.y10 = (shopping list : | shopping list ,) {item} (is done | is bought | got it | done)
t sc.y11 = <xpre> (check | tick) off {item} (on | in) <g4e_shop> (since i bought it | because we got it | , it's in the basket)

intent HassListAddItem
t la.y1 = <xpre> (jot down | write down | note down | log | record) {item:task} (on | in) <g4e_ls> <xpost>
t la.y2 = <xpre> (write | jot | note | scribble) {item} down (on | in) <g4e_ls>
t la.y3 = <xpre> (stick | slap | tack) {item} (on | onto) <g4e_ls>
t la.y4 = [<xlead>] (can | could) you (jot down | write down | note | stick) {item:task} (on | in) [my | the] <list> [for me] [?]
t la.y5 = [<xlead>] (can | could) {item} go (on | onto | in) <g4e_ls> [?]
t la.y6 = <xpre> (make | create) (a new | an | a) (entry | item | task) (on | in) <g4e_ls> (for | called | saying) {item:task}
t la.y7 = (i | we) (still have to | gotta | mustn't forget to | really need to) {item:task} , (stick | jot | write) (it | that) (on | in | down on) <g4e_ls>
t la.y8 = <xpre> add to <g4e_ls> [:] {item:task}
t la.y9 = [<xlead>] (open | pull up | go to) <g4e_ls> and (add | put in | write) {item}
t la.y10 = <xpre> (add | put) {item:task} (at the top of | at the bottom of | at the end of | first on) <g4e_ls>
t la.y11 = [<xlead>] (i want to | i'd like to | let me) add {item} to <g4e_ls>
t la.y12 = <xpre> (log | file) {item:task} under <g4e_ls>
t la.y13 = [<xlead>] make sure {item} (is | gets | goes) (on | in) <g4e_ls>
t la.y14 = {item:task} , (that's | this is) (one for | for | another one for) <g4e_ls>
t la.y15 = <xpre> (add | put) {item} (on | to) <g4e_ls> (before i forget | while i remember | so i don't forget)
t la.y16 = <g4e_ls> , (new item | one more thing | another one | add this) : {item:task}

intent HassListCompleteItem
t lc.y1 = <xpre> (scratch | score | knock) {item} off <g4e_ls> <xpost>
t lc.y2 = <xpre> (complete | close out | finish) the (task | item | entry) {item:task} (on | in) <g4e_ls>
t lc.y3 = <xpre> (put | place) a (tick | check | check mark | checkmark) (next to | by | beside) {item} (on | in) <g4e_ls>
t lc.y4 = (i've | we've) (completed | sorted | dealt with | handled | done) {item:task} , (check | tick | cross) (it | that) off <g4e_ls>
t lc.y5 = (on | in) <g4e_ls> , ({item} (is | are) (done | complete | finished | checked off) | {item} can be (ticked | checked | crossed) off)
t lc.y6 = (you can | go ahead and | feel free to) (check | tick | cross) {item} off <g4e_ls> [now]
t lc.y7 = [<xlead>] (can | could | would) you (mark | set) {item:task} (complete | completed | as completed) (on | in) [my | the] <list> [?]
t lc.y8 = <list> : {item} (done | complete | finished | checked)
t lc.y9 = (i | we) (packed | got | picked up | bought) {item} , (check | tick) it off <g4e_ls>
t lc.y10 = (that's | that is) {item:task} (done | out of the way | taken care of) , [so] (check | tick | cross) it off <g4e_ls>
t lc.y11 = <xpre> (check | tick) off {item} (on | in) <g4e_ls> (now | because it's done | since it's done | , it's finished)

intent HassListRemoveItem
t lr.y1 = <xpre> (scrub | cut | ditch | toss | chuck | bin) {item} (from | off) <g4e_ls> <xpost>
t lr.y2 = (i | we) (don't need | no longer need | won't need) {item} [anymore] , (remove | delete | take) (it | that) (from | off) <g4e_ls>
t lr.y3 = [<xlead>] would you mind (removing | deleting) {item} from <g4e_ls> [?]
t lr.y4 = {item} (shouldn't be | doesn't belong | doesn't need to be) (on | in) <g4e_ls> , (remove | delete) it
t lr.y5 = <xpre> (yank | pull | cut) {item} out of <g4e_ls>
t lr.y6 = (i | we) changed (my | our) (mind | minds) about {item} , (remove | delete | take) it (from | off) <g4e_ls>
t lr.y7 = <xpre> (remove | delete) {item} (from | off) <g4e_ls> , (i added it by mistake | that was a mistake | it shouldn't be there)
t lr.y8 = <xpre> (remove | delete) the (task | entry | item | line) (that says | saying | called) {item} (from | on | in) <g4e_ls>
t lr.y9 = {item:task} (is cancelled | is off | isn't happening | is not happening) , (delete | remove | take) it (from | off) <g4e_ls>
t lr.y10 = [<xlead>] (can | could) {item} be (removed from | deleted from | taken off) <g4e_ls> [?]
t lr.y11 = (take | get) {item} (off | out of) <g4e_ls> , (we | i) (don't | won't) need it

intent HassVacuumStart
t vs.y1 = <xpre> <g4e_vacverb> <det> {name:vacuum} <xpost>
t vs.y2 = <xpre> <g4e_vacverb> the <vac> (<in_area> | <on_floor>) <xpost>
t vs.y3 = [<xlead>] (can | could) <det> {name:vacuum} (start | begin) (cleaning | vacuuming | its (run | cycle | round)) [now] [?]
t vs.y4 = <det> {name:vacuum} , (time to clean | time to work | do your thing | start your (run | cycle | cleaning cycle) | off you go , clean) [please]
t vs.y5 = <xpre> (start | begin | run) a (cleaning | vacuum | vacuuming) (cycle | run | job | session) with <det> {name:vacuum}
t vs.y6 = (the dog's been shedding | the kids made a mess | we tracked in mud | there's sand everywhere) , (send out | fire up | start) <det> {name:vacuum}
t vs.y7 = <xpre> (have | let) <det> {name:vacuum} do (a (quick | full) (run | sweep | pass) | its (rounds | thing | usual run))
t vs.y8 = {name:vacuum} (on | go | start) [please]
t vs.y9 = <xpre> (turn | switch | power) the <vac> <in_area> on
t vs.y10 = <xpre> (turn | switch | power) <det> {name:vacuum} on <xpost>
t vs.y11 = (would it be possible | is it possible) to (start | run) <det> {name:vacuum} [now] [?]
t vs.y12 = (i'm | we're) (heading out | going out | off to work | leaving now) , [so] (start | run | fire up) <det> {name:vacuum} (while (i'm | we're) (gone | out) | now)
t vs.y13 = the <vac> (<in_area> | <on_floor>) (needs to | should) (run | start) [now | today]
t vs.y14 = <xpre> (let | have) the <vac> (<in_area> | <on_floor>) (run | go | start) [now]
t vs.y15 = <xpre> (do | clean | vacuum | hoover) the whole (house | place | flat | apartment) with <det> {name:vacuum}
t vs.y16 = why don't you (start | run | fire up) <det> {name:vacuum} [?]

intent HassVacuumReturnToBase
t vb.y1 = <xpre> (recall | summon back | bring home) <det> {name:vacuum} <xpost>
t vb.y2 = <xpre> (tell | ask | get) <det> {name:vacuum} to (go | head | return | drive) (home | back to <g4e_dock>)
t vb.y3 = <xpre> return <det> {name:vacuum} [home | to base] <xpost>
t vb.y4 = <det> {name:vacuum} , (that's enough | you're done | you can stop now | all done) , (go | head) (home | back) [to (the | your) (dock | base | charger)]
t vb.y5 = [<xlead>] (can | could) <det> {name:vacuum} (go | head) back to <g4e_dock> [now] [?]
t vb.y6 = <det> {name:vacuum} is (almost out of battery | running low on battery | low on battery | nearly dead) , (send | bring | get) it (home | back to (the dock | the charger))
t vb.y7 = <xpre> (bring | call | get) the <vac> <in_area> back (home | to <g4e_dock>)
t vb.y8 = the <vac> <in_area> (should | needs to | can) (go | head) (home | back to <g4e_dock>) [now]
t vb.y9 = <xpre> (put | tuck) <det> {name:vacuum} away [for now | for the day]
t vb.y10 = (abort | cancel | end) the (cleaning | run | clean) and (send | bring | call) <det> {name:vacuum} (home | back)
t vb.y11 = (i'm | we're) (having guests over | on a call | trying to sleep | watching a movie) , (send | take | get) <det> {name:vacuum} (back to <g4e_dock> | home)
t vb.y12 = (go back | return) to (base | the dock | your dock | your charger) , {name:vacuum}
t vb.y13 = <xpre> (have | make) the <vac> <in_area> (dock | return to <g4e_dock> | go home)
t vb.y14 = <xpre> call <det> {name:vacuum} (home | back)
t vb.y15 = [<xlead>] (i want | i'd like) the <vac> <in_area> (back on <g4e_dock> | docked | home)

intent HassVacuumCleanArea
t vc.y1 = <xpre> (do | clean | vacuum) the floors (in | of) <det> {area} <xpost>
t vc.y2 = [<xlead>] (can | could) <det> {name:vacuum} (clean | vacuum | do) the {area} [now] [?]
t vc.y3 = <xpre> (send | dispatch) <det> {name:vacuum} (to | into) the {area} [to clean | to vacuum]
t vc.y4 = <xpre> send the <vac> (to | into) the {area} (to clean | to vacuum | to clean up)
t vc.y5 = (someone | the kids | the dog) (spilled cereal | made a mess | tracked mud | dropped crisps) (in | all over) the {area} , [can you] ((vacuum | clean | hoover) (it up | that up | there) | clean it) [?]
t vc.y6 = (this room | the carpet in here | the floor in here) (needs | could use | could do with) (a (vacuum | hoover | clean) | vacuuming | hoovering)
t vc.y7 = <det> {area} (needs | could use | could do with) (a (vacuum | hoover | clean) | vacuuming | hoovering)
t vc.y8 = <det> {name:vacuum} , (go | head over and) (clean | vacuum | do) the {area} [please]
t vc.y9 = <xpre> (clean | vacuum | hoover) (around | under) the (table | couch | sofa | bed) in the {area}
t vc.y10 = (how about | why don't you try) (vacuuming | cleaning | hoovering) the {area} [?]
t vc.y11 = <xpre> (use | take) <det> {name:vacuum} (to clean | to vacuum | and clean | and vacuum) the {area}
t vc.y12 = [<xlead>] [<please>] (vacuum | clean | hoover) (just the {area} | only the {area} | the {area} only)
t vc.y13 = <xpre> (start | begin) (vacuuming | hoovering) (the {area} | in the {area} | in here | here)
t vc.y14 = <xpre> (clean up | vacuum up | suck up) the (crumbs | dust | dirt | dog hair | mess) (in | on) the {area}
t vc.y15 = (in | in the | over in the | down in the) {area} , (vacuum | clean | hoover) the (floor | carpet | rug) [please]

intent HassLawnMowerStartMowing
t lm.y1 = <xpre> (cut | trim) the (grass | lawn) <xpost>
t lm.y2 = <xpre> (send out | fire up | kick off | wake up) <det> {name:lawn_mower} <xpost>
t lm.y3 = <xpre> (fire up | kick off | crank up) the <g4e_mower>
t lm.y4 = [<xlead>] (can | could) <det> {name:lawn_mower} ((mow | do) the (lawn | grass | yard | garden) | cut the (grass | lawn)) [now | today] [?]
t lm.y5 = how about (mowing the (lawn | grass | yard) | cutting the (grass | lawn)) [now | today] [?]
t lm.y6 = the (lawn | grass | yard) (needs (mowing | a cut | cutting | a trim) | could use a (mow | cut | trim))
t lm.y7 = <det> {name:lawn_mower} , (get mowing | do the lawn | cut the grass | get to work | off you go) [please]
t lm.y8 = <xpre> (send | let) <det> {name:lawn_mower} out [to mow | to cut the grass] <xpost>
t lm.y9 = <xpre> (turn | switch | power) <det> {name:lawn_mower} on
t lm.y10 = <xpre> (turn | switch) the <g4e_mower> on
t lm.y11 = (we're | i'm) (going out | heading out | leaving) (for the day | for a while) , [so] (mow | do | cut) the (lawn | grass) (while (we're | i'm) (gone | out) | now)
t lm.y12 = <xpre> (give | get) the (lawn | grass | yard) a (mow | trim | cut)
t lm.y13 = <xpre> (resume | continue | carry on) mowing [the lawn] <xpost>

intent HassLawnMowerDock
t ld.y1 = <xpre> (call | bring) <det> {name:lawn_mower} (back | home | in) <xpost>
t ld.y2 = <xpre> (bring | call) the <g4e_mower> (in | back | home)
t ld.y3 = <xpre> (tell | ask | get) <det> {name:lawn_mower} to (go | head | return | drive) (home | back to <g4e_dock>)
t ld.y4 = [<xlead>] (can | could) <det> {name:lawn_mower} (go | head) back to <g4e_dock> [now] [?]
t ld.y5 = (quit | end | finish) mowing and (head | go | return) (home | back) [to (the | your) base]
t ld.y6 = (the lawn looks (good | great) | the grass is short enough | we're having a barbecue | the dog is out in the yard) , (send | bring) <det> {name:lawn_mower} (home | back to <g4e_dock>)
t ld.y7 = <xpre> return <det> {name:lawn_mower} [to <g4e_dock>] <xpost>
t ld.y8 = <xpre> (put | tuck) <det> {name:lawn_mower} away [for the (day | night)]
t ld.y9 = <xpre> put the <g4e_mower> (away | back on <g4e_dock>)
t ld.y10 = <det> {name:lawn_mower} , (come | go) (home | back | in) [now] [please]
t ld.y11 = <xpre> (recall | retrieve) (<det> {name:lawn_mower} | the <g4e_mower>) <xpost>
t ld.y12 = (would it be possible | is it possible) to (dock | park) the <g4e_mower> [now] [?]

intent none chat
t no.y1 = (do you like | what do you think of | how do you feel about) (cats | dogs | jazz | football | winter | spicy food) [?]
t no.y2 = how many (legs does a spider have | days are in a leap year | people live in london | moons does jupiter have) [?]
t no.y3 = who (invented (the telephone | the light bulb | the internet) | discovered (penicillin | gravity | electricity)) [?]
t no.y4 = (what's | what is) the difference between (a frog and a toad | weather and climate | a crocodile and an alligator) [?]
t no.y5 = (tell me | give me) (a fun fact | a riddle | a fun fact about space | a compliment | some advice)
t no.y6 = (i'm | i am) (so tired | stressed | excited | nervous about tomorrow | in a good mood | proud of myself)
t no.y7 = (my | our) (sister | neighbour | boss | best friend) (is visiting | is coming over | called me) (this weekend | tomorrow | today)
t no.y8 = how (do i | do you | can i) (tie a tie | boil an egg | change a tyre | fold a fitted sheet | get a stain out of a shirt) [?]
t no.y9 = what should (i | we) (have for dinner | name the cat | do this weekend | get mum for her birthday) [?]
t no.y10 = (is it true that | did you know that) (goldfish have a short memory | bananas are berries | the moon is moving away) [?]
t no.y11 = how many (cups are in a litre | ounces are in a pound | feet are in a mile | kilometres is a marathon) [?]
t no.y12 = (who's | who is) your (favourite singer | best friend | hero) [?]
t no.y13 = (can | could) you (write me a poem | do an impression | speak french | rap for me | dance) [?]
t no.y14 = (what's | what is) (the longest river in the world | the speed of light | the biggest animal | the tallest building) [?]
t no.y15 = (how was your day | did you sleep well | are you happy | are you listening | do you ever get tired) [?]
t no.y16 = (i | we) just got back from (the gym | holiday | the dentist | a walk | my mum's)
t no.y17 = (the dog won't stop barking | the cat knocked over a plant | the kids are being so loud | the baby finally fell asleep)
t no.y18 = (what year did | when did) (the war end | man land on the moon | the titanic sink) [?]
t no.y19 = (the {any} is broken | the {any} is making a (weird | strange) noise | the {any} was a gift from my mum | (how old is | who installed | how much did we pay for) the {any} [?])
t no.y20 = (flip a coin | roll a dice | pick a number between one and ten | what does serendipity mean | how many calories are in a banana) [?]

# ---------- round 3 g1en (en): non-native "open/close/on/off the light", idioms ("on with", "off with"), impatience, polite requests, situations, area-first and terse questions for state and indoor temperature (ids *.w*) ----------
rule w1e_polite = would you be so kind as to | could i ask you to | may i ask you to
rule w1e_hurry = , quick | , quickly | , hurry up | , and be quick about it | already | right this second | , come on
rule w1e_said = i said | i told you to | for the last time , | come on , | i asked you to
rule w1e_mylights = <det> <lights> [<in_area> | <on_floor>] | the {area} <lights> | <det> {name:light}

intent HassTurnOn
t on.w101 = [<xlead>] on with (<w1e_mylights> | <det> <dev>) [please]
t on.w102 = <xpre> open (<w1e_mylights> | <det> {name:fan,media_player}) [please] | <xpre> open <det> <dev> <in_area> [please]
t on.w103 = [<xlead>] [please] on <det> (<lights> [<in_area> | <on_floor>] | <fans> [<in_area>] | {name:light,fan,switch}) [please]
t on.w104 = <w1e_said> (turn | switch | put) on <onoff_tgt>
t on.w105 = (turn | switch) on <onoff_tgt> <w1e_hurry>
t on.w106 = [<xlead>] <w1e_polite> (turn | switch | put) on <onoff_tgt> [for me]
t on.w107 = [<xlead>] (mind | how about | what about) (turning | switching | putting) on <onoff_tgt> [?]
t on.w108 = <onoff_tgt> (switched | turned) on (please | now please | , thanks)
t on.w109 = (i'm trying to read | i'm reading | we've got guests coming | i just got home | we just got in | i can't find my keys | i'm doing my homework) , (turn | switch | put) on (<det> <lights> [<in_area>] | <det> {name:light}) [please]
t on.w110 = [<xlead>] (can | could) you make <onoff_tgt> come on [?] | <xpre> make <onoff_tgt> come on
t on.w111 = <xpre> (go to | switch everything to | put us in | get us into | bring on) <det> {name:scene} (scene | mode) <xpost> | <det> {name:scene} (scene | mode) (, please | now | please)
t on.w112 = <xpre> (set off | call | fire) <det> {name:script} (script | routine | sequence) | <xpre> (get | set) <det> {name:script} (script | routine) going | (i want to | let's) run <det> {name:script} (script | routine)
t on.w113 = <xpre> (put | throw) the (lock | bolt | deadbolt) on <det> {name:lock} [<in_area>] | (i'm in bed | i'm already in bed | i'm going to sleep | we're going to bed) , lock <det> {name:lock} [<in_area>] [please]
t on.w114 = (good morning | it's morning | rise and shine | time to get up) , (open | raise) <det> <coverkind> [<in_area>] [please] | <xpre> (wind | crank) up <cover_tgt> | (i'm pulling in | i'm almost home | i'm in the driveway) , open <det> {domain=cover,device_class=garage} (garage | garage door) [please]
t on.w115 = <xpre> (turn | put) the water on (at | for) <det> {name:valve} [<in_area>] | <det> {name:climate} [<in_area>] , (on | turn it on | switch it on) [please] | (i want to watch something | i want to listen to something | let's watch something) , (turn | switch) on <det> {name:media_player} [<in_area>]

intent HassTurnOff
t off.w101 = [<xlead>] off with (<w1e_mylights> | <det> <dev>) [please]
t off.w102 = <xpre> close (<w1e_mylights> | <det> {name:fan,media_player}) [please] | <xpre> close <det> <dev> <in_area> [please]
t off.w103 = [<xlead>] [please] off <det> (<lights> [<in_area> | <on_floor>] | <fans> [<in_area>] | {name:light,fan,switch}) [please]
t off.w104 = <w1e_said> (turn | switch | shut) off <onoff_tgt>
t off.w105 = (turn | switch | shut) off <onoff_tgt> <w1e_hurry>
t off.w106 = [<xlead>] <w1e_polite> (turn | switch | shut) off <onoff_tgt> [for me]
t off.w107 = [<xlead>] (mind | how about | what about) (turning | switching | shutting) off <onoff_tgt> [?]
t off.w108 = <onoff_tgt> (switched | turned) off (please | now please | , thanks)
t off.w109 = (i'm trying to sleep | the baby's asleep | the baby is sleeping | we're watching a movie | i've got a headache | i'm going to bed now) , (turn | switch | shut) off <onoff_tgt> [please]
t off.w110 = (we're wasting electricity | that's wasting power | think of the electric bill | nobody's using it) , (turn | switch) off <onoff_tgt>
t off.w111 = <xpre> (turn | put) (<det> <lights> [<in_area> | <on_floor>] | the {area} <lights>) out <xpost> | lights out (<in_area> | <on_floor>) {domain=light} [please]
t off.w112 = <xpre> (turn | switch | shut) (every light | all the lights | all lights | every lamp) (in the house | in the whole house | everywhere | in every room) off {domain=light}
t off.w113 = <xpre> (wind | crank) down <cover_tgt> <xpost> | (the sun's in my eyes | there's glare on the screen | too much sun) , (lower | close) <det> <coverkind> [<in_area>] [please] | (i've left | i'm out | we've gone | we're leaving) , close <det> {domain=cover,device_class=garage} (garage | garage door) [please]
t off.w114 = (let me in | i can't get in | i'm locked out | i forgot my keys) , unlock <det> {name:lock} [<in_area>] [please] | <xpre> unlock <det> {name:lock} for (the plumber | my mum | the dog walker | the babysitter | grandma)
t off.w115 = <xpre> (turn | shut) the water off (at | on) <det> {name:valve} [<in_area>] | <det> {name:climate} [<in_area>] , (off | turn it off | switch it off) [please]
t off.w116 = (we're done watching | i'm done watching | nobody's watching | i'm done listening) , (turn | switch) off <det> {name:media_player} [<in_area>] | <xpre> (turn | switch | shut) off <det> {name:media_player} [<in_area>] <w1e_hurry>

intent HassGetState
t st.w101 = is <det> {name:light,switch,fan} on or off [right now] [?] | is <det> {name:cover,valve} open or (closed | shut) [?] | is <det> {name:lock} locked or unlocked [?]
t st.w102 = (quick question | just checking | just wondering | real quick) , (is <det> {name:light,switch,fan} <onoff_state> | is <det> {name:lock} <lock_state> | is <det> {name:cover} <open_state>) [?]
t st.w103 = (have | has) (i | we | the kids | someone) left <det> {name:light,switch,fan} on {state=on} [?] | was <det> {name:light,switch,fan} left on {state=on} [?]
t st.w104 = (<xpre> (check | see | find out) | i (need | want | would like) to know) (if | whether) <det> {name:light,switch,fan} is <onoff_state>
t st.w105 = (is | was) <det> {name:lock} [<in_area> | <on_floor>] (secured | secure | bolted | properly locked) {state=locked} [?] | (have you | did you) lock <det> {name:lock} [<in_area>] {state=locked} [?] | is <det> {name:lock} [<in_area> | <on_floor>] still unlocked {state=unlocked} [?]
t st.w106 = did <det> {name:cover} [<in_area> | <on_floor>] (close {state=closed} | shut {state=closed} | open {state=open}) [properly] [?] | did <det> <coverkind> [<in_area> | <on_floor>] (close | shut) {state=closed} [?]
t st.w107 = (which | what) <coverkind> (is | are) [still] <open_state> [<in_area> | <on_floor>] [?]
t st.w108 = (is | are) the {area} <coverkind> [still] <open_state> [?] | (is | are) the {floor} <coverkind> [still] <open_state> [?]
t st.w109 = is <det> {name:binary_sensor} [<in_area> | <on_floor>] still (open {state=on} | on {state=on} | closed {state=off} | off {state=off}) [?] | does <det> {name:binary_sensor} [<in_area>] (read | report) (open {state=on} | closed {state=off}) [?]
t st.w110 = where did {name:person} go [?] | (what's | what is) the location of {name:person} [?] | (can | could) you see where {name:person} is [?] | whereabouts is {name:person} [right now] [?] | where in the world is {name:person} [?]
t st.w111 = is {name:person} (back from (work | school | the shops) {state=home} | still at home {state=home} | here yet {state=home} | in the house {state=home} | away from home {state=not_home} | gone {state=not_home} | out and about {state=not_home}) [?]
t st.w112 = is (anybody | anyone | someone) (still | already) (home | here | in the house) {domain=person} {state=home} [?] | (has everyone (left | gone out) | did everyone (leave | go out)) {domain=person} {state=not_home} [?]
t st.w113 = any <ldom> [still] <onoff_state> [<in_area> | <on_floor>] [?] | is every (light | lamp) {domain=light} <onoff_state> [<in_area> | <on_floor>] [?]
t st.w114 = (which | what) (fans | ceiling fans) {domain=fan} are (running | spinning | going) {state=on} [<in_area> | <on_floor>] [?] | are (any | the) (fans | ceiling fans) {domain=fan} (running | spinning | going) {state=on} [<in_area> | <on_floor>] [?]
t st.w115 = is (every | each) (door | lock) {domain=lock} <lock_state> [<in_area> | <on_floor>] [?] | did (i | we | you) lock (all the doors | every door | all the locks) {domain=lock} {state=locked} [<on_floor>] [?] | are we (locked up | all locked up) {domain=lock} {state=locked} [for the night] [?]
t st.w116 = <in_area> , (are | is) (the | any) <ldom> <onoff_state> [?] | <on_floor> , are (any | the | all the) (doors | locks) {domain=lock} <lock_state> [?]
t st.w117 = what (does <det> {name:sensor} (show | display | report) | is <det> {name:sensor} (showing | displaying | reporting)) [right now | at the moment] [?]
t st.w118 = (what's | what is) the (latest | current) (reading | value | number) (on | from | for) <det> {name:sensor} [?] | <det> {name:sensor} (reading | level | value) [please] [?] | how (high | low) is <det> {name:sensor} [right now] [?]
t st.w119 = is the water (on {state=open} | off {state=closed} | running {state=open}) (at | on) <det> {name:valve} [?] | is <det> {name:valve} (running | flowing) {state=open} [?]
t st.w120 = [<xlead>] (can | could) you (tell me | give me) the (status | state) of <det> {name:sensor,light,switch,fan,cover,lock,valve,media_player} [?] | (how's | how is) <det> {name:light,switch,fan,cover,lock,valve} looking [?]
t st.w121 = <det> {name:light,switch,fan} is <onoff_state> or not [?] | <det> {name:lock} [<in_area>] is <lock_state> or not [?] | <det> {name:cover} is <open_state> or not [?]

intent HassLightSet
t ls.w101 = <xpre> fade <light_tgt> (down | up) to {brightness} <xpost> | <xpre> ramp <light_tgt> (up | down) to {brightness}
t ls.w102 = <light_tgt> (down | up) to {brightness} [please]
t ls.w103 = <xpre> make <light_tgt> {brightness} [brightness]
t ls.w104 = [<xlead>] (can | could) <light_tgt> be (at | set to | dimmed to) {brightness} [?]
t ls.w105 = [<xlead>] <w1e_polite> (dim | set | put) <light_tgt> (to | at) {brightness}
t ls.w106 = <xpre> (dim | brighten) <light_tgt> , (to | say | maybe | like) {brightness} [please]
t ls.w107 = (i'm watching a movie | we're watching tv | it's movie time | i want to relax) , (dim | bring down) <det> <lightsd> [<in_area>] to {brightness} | (i'm reading | i need to read | i'm working) , (brighten | turn up | bring up) <det> <lightsd> [<in_area>] to {brightness}
t ls.w108 = <xpre> (make | turn) <light_tgt> a nice {color} [colour | color]
t ls.w109 = [<xlead>] (can | could) (i | we) get (some | a bit of) {color} light (in here | <in_area> | <on_floor>) {domain=light} [?]
t ls.w110 = <light_tgt> should be {color} [now | instead] | <xpre> give <light_tgt> a {color} (hue | shade | colour)
t ls.w111 = <light_tgt> (color | colour) {color} [please] | (color | colour) {color} (on | for) <light_tgt> [please]
t ls.w112 = <xpre> make <light_tgt> {temperature:kelvin} | (i want | i'd like) <light_tgt> at {temperature:kelvin}
t ls.w113 = <xpre> (use | go with | try) {temperature:kelvin} (on | for) <light_tgt> | (a | the) color temperature of {temperature:kelvin} (on | for) <light_tgt> [please]
t ls.w114 = (it's | it is) (too dark | too gloomy | a bit dim) to (read | see | work) , (turn up | brighten | raise) <light_tgt> to {brightness}

intent HassSetPosition
t pos.w101 = <xpre> (open | raise) <cover_tgt> (only | just) {position} | <xpre> (open | raise) <cover_tgt> {position} of the way
t pos.w102 = <xpre> (leave | keep) <cover_tgt> (at | open at) {position}
t pos.w103 = <xpre> position <cover_tgt> (at | to) {position} <xpost>
t pos.w104 = <xpre> slide <cover_tgt> (open | across | over) to {position}
t pos.w105 = {position} (on | for) <cover_tgt> [please]
t pos.w106 = [<xlead>] (can | could) <cover_tgt> (go to | be at | be set to) {position} [?]
t pos.w107 = <xpre> (set | open | close | move) <cover_tgt> to (roughly | around | approximately | just) {position}
t pos.w108 = (too much sun | the sun's in my eyes | there's a glare on the tv) , ((set | move) <cover_tgt> to | (bring | let) <cover_tgt> down to) {position}
t pos.w109 = (i want some light | let some light in | i'd like a bit of daylight) , (open | raise) <cover_tgt> (to | up to) {position}
t pos.w110 = [<xlead>] <w1e_polite> (set | move | open) <cover_tgt> to {position}
t pos.w111 = <xpre> (set | put) the (flow | opening) (on | at | of | through) <det> {name:valve} to {position} | <det> {name:valve} , (open it | set it) to {position} [please]
t pos.w112 = <xpre> make <cover_tgt> {position} open | <cover_tgt> {position} open [please]

intent HassClimateSetTemperature
t ct.w101 = <xpre> up the (heat | heating | thermostat | temperature | temp) to {temperature} [<in_area> | <on_floor>]
t ct.w102 = (make it | i'd like it | can it be | could it be) (a bit | a little | a touch) (warmer | cooler) (in here | <in_area> | <on_floor>) , (say | like | maybe | about) {temperature} [please] [?]
t ct.w103 = {temperature} (on | for) <det> {name:climate} [please] | <xpre> (keep | hold) <det> {name:climate} at {temperature}
t ct.w104 = <xpre> (turn | dial) the (thermostat | heat | heating | ac | air conditioning) to {temperature} [<in_area> | <on_floor>] <xpost>
t ct.w105 = <xpre> (turn | dial | twist) <det> {name:climate} to {temperature}
t ct.w106 = <xpre> (set | program) the (thermostat | heat | heating | ac | air conditioning) for {temperature} [<in_area> | <on_floor>]
t ct.w107 = [<xlead>] (can | could) you (get | bring) (the {area} | the {floor}) (up | down) to {temperature} [?] | <xpre> (get | bring) (the {area} | the {floor}) (up | down) to {temperature}
t ct.w108 = (i want | i'd like | we want) it {temperature} (in here | <in_area> | <on_floor>) [please]
t ct.w109 = <xpre> hold the temperature at {temperature} [<in_area> | <on_floor>] | <xpre> maintain {temperature} [<in_area> | <on_floor>]
t ct.w110 = (temperature | heating | thermostat) {temperature} [<in_area> | <on_floor>] please
t ct.w111 = [<xlead>] <w1e_polite> (set | turn | put) the <heat> to {temperature} [<in_area> | <on_floor>]
t ct.w112 = the {area} is (freezing | too cold | too hot | like an oven | like a fridge) , (set | put | turn) (it | the heat | the thermostat) to {temperature}

intent HassClimateGetTemperature
t cg.w101 = is it (warm | cool) enough (in here | inside | <in_area> | <on_floor>) [for (the baby | the kids | the dog | sleeping)] [?] | is the {area} (warm | cool) enough [for (the baby | the kids | guests)] [?]
t cg.w102 = (what temperature | how many degrees) (has <det> {name:climate} got | does <det> {name:climate} (say | show)) [?]
t cg.w103 = it feels (cold | chilly | warm | hot | stuffy | a bit nippy) (in here | <in_area> | <on_floor>) , (what's | what is) the (temperature | temp) [?] | (i'm | i feel) (cold | hot | chilly) , how (warm | cold) is it (in here | <in_area>) [?]
t cg.w104 = (what's | what is) the (temperature | temp) like [in here | inside | <in_area> | <on_floor>] [?]
t cg.w105 = how much (is the temperature | temperature is it | temperature is there) [in here | <in_area> | <on_floor>] [?]
t cg.w106 = (what is | what's) temperature (now | in here | <in_area> | <on_floor>) [?]
t cg.w107 = is the ({area} | {floor} | house | place) (cold | chilly | warm | hot | freezing) [right now | at the moment] [?]
t cg.w108 = what temperature (have we got | do we have | is it showing) (in here | inside | <in_area> | <on_floor>) [?]
t cg.w109 = (tell me | let me know) how many degrees it is [in here | inside | <in_area> | <on_floor>] | (how many | what) degrees (have we got | is it reading) [in here | <in_area> | <on_floor>] [?]
t cg.w110 = (i'm curious | i was wondering | just wondering) (how warm | how cold | what temperature) it is [in here | <in_area> | <on_floor>]
t cg.w111 = [<xlead>] (are you able to | would you) tell me (the temperature | how warm it is | how cold it is) [in here | <in_area> | <on_floor>] [?]
t cg.w112 = what temperature (does <det> {name:climate} say it is | is <det> {name:climate} showing) [?] | (how warm | how cold) is it according to <det> {name:climate} [?] | (what's | what is) the temperature according to <det> {name:climate} [?]
t cg.w113 = (how warm | how cold | how hot) (in here | <in_area> | <on_floor>) [?]
t cg.w114 = (the {area} | in the {area}) , (how warm | how cold | what temperature) is it [in there] [?] | <on_floor> , how (warm | cold) is it [up there | down there] [?]
t cg.w115 = (how warm | how cold) (have we got it | are we keeping it | is it being kept) (in here | <in_area> | <on_floor>) [?]
t cg.w116 = is it nice and (warm | cool | toasty) (in here | <in_area> | <on_floor>) [?]

intent HassFanSetSpeed
t fs.w101 = (fan speed | fan | fans) {percentage} [<in_area> | <on_floor>] [please]
t fs.w102 = <xpre> (have | get) <det> {name:fan} (going | running | spinning) at {percentage}
t fs.w103 = <xpre> (slow <det> {name:fan} down | speed <det> {name:fan} up) to {percentage} | <xpre> (slow the (fan | fans | ceiling fan) down | speed the (fan | fans | ceiling fan) up) to {percentage} [<in_area> | <on_floor>]
t fs.w104 = <xpre> (ramp | wind) (up | down) the (fan | fans | ceiling fan) to {percentage} [<in_area> | <on_floor>] | <xpre> ramp <det> {name:fan} (up | down) to {percentage}
t fs.w105 = (i'm sweating | i'm roasting | it's muggy | it's sweltering) [in here] , ((fan | fans) (to | at | up to) | (put | set) the (fan | ceiling fan) (to | on)) {percentage} [please]
t fs.w106 = [<xlead>] (can | could) <det> {name:fan} (go to | run at | be set to) {percentage} [?] | [<xlead>] (can | could) the (fan | fans | ceiling fan) (go to | run at | be set to) {percentage} [<in_area> | <on_floor>] [?]
t fs.w107 = <xpre> (set | put) the fan (power | level | setting) to {percentage} [<in_area> | <on_floor>]
t fs.w108 = {percentage} (on | for) the (fan | fans | ceiling fan) [<in_area> | <on_floor>] [please]
t fs.w109 = (it's | that's) (too breezy | too drafty | too much air | a bit much) [in here] , ((turn | bring | put) <det> {name:fan} down to | (turn | bring) the (fan | fans | ceiling fan) down to) {percentage}
t fs.w110 = [<xlead>] <w1e_polite> (set | put | turn) <det> {name:fan} to {percentage}
t fs.w111 = <det> {name:fan} [speed] , {percentage} [please]

# ---------- round 3 g2en (en): media and volume with UK/US slang (telly, bung on, whack on), terse and non-native forms, impatient repeats, kids' requests, queries placed first, middle and last with tails after them, radio stations and episodes, new situations before the command (ids *.w*) ----------
# where a media command goes: a player, a room, or the speaker's own room said as "in here"
rule w2e_tgt = on <g2e_mpname> | <in_area> | in here | (over | through | from) <g2e_mpname> | (down | up | over | out) in the {area}
# things that play, UK and US words
rule w2e_what = the telly | the film | the episode | the radio | the audiobook | the cartoon | the programme | the video | the tune
# what comes after a search query: a reason or a listener
rule w2e_qtail = while i (cook | clean up | work | get ready | do the dishes) | for the kids | for the party | to wake me up | to help me sleep | in the background | again

intent HassMediaSearchAndPlay
t ms.w201 = <xpre> (bung on | whack on | pop on | chuck on | slap on | spin) {search_query} <mplace>
t ms.w202 = [<xlead>] (play | put on | stick on) {search_query} <mplace> <w2e_qtail>
t ms.w203 = [<xlead>] <g1e_ask> (play | put on | find and play) {search_query} <mplace> [?]
t ms.w204 = {search_query} , (can you put that on | could you play that | let's have that | i want that on | that one please | stick that on) [<mplace>] [please]
t ms.w205 = [<xlead>] play (song {media_class=track} {search_query:track} | album {media_class=album} {search_query:album} | artist {media_class=artist} {search_query:artist} | playlist {media_class=playlist} {search_query:playlist} | podcast {media_class=podcast} {search_query:podcast} | movie {media_class=movie} {search_query:movie} | film {media_class=movie} {search_query:movie} | tv show {media_class=tv_show} {search_query:tv_show}) <mplace> [please]
t ms.w206 = the (album {media_class=album} {search_query:album} | song {media_class=track} {search_query:track} | playlist {media_class=playlist} {search_query:playlist} | movie {media_class=movie} {search_query:movie} | podcast {media_class=podcast} {search_query:podcast}) , (play (it | that) | put (it | that) on | start (it | that)) [<mplace>] [please]
t ms.w207 = [<xlead>] what about {search_query} <mplace> [?]
t ms.w208 = <xpre> (tune in to | tune into | put on | play | switch over to | find) (the radio station | radio station | the station) {search_query} <mplace>
t ms.w209 = <xpre> (play | put on | start) the (latest | newest | most recent) episode of the {search_query:podcast} podcast {media_class=podcast} <mplace> | <xpre> (play | put on | start) the (next | latest | first) episode of the (show | series) {media_class=tv_show} {search_query:tv_show} <mplace>
t ms.w210 = <xpre> (put on | play | stick on | start) the (series | programme | tv series) {media_class=tv_show} {search_query:tv_show} <mplace> | <xpre> (put on | stick on | start) the (film | movie) (called | named) {media_class=movie} {search_query:movie} <mplace>
t ms.w211 = [<xlead>] (mum | mom | daddy | dad | please) , can (we | i) watch {search_query:movie} [<mplace>] [please] [?] | [<xlead>] can (we | i) watch {search_query:movie} [<mplace>] (please | now) [?]
t ms.w212 = [<xlead>] (put | stick) {search_query} on [<in_area>] [please] | [<xlead>] (put | stick) {search_query} on <g2e_mpname> [please]
t ms.w213 = (<g2e_mpname> | {area} | the {area}) [,] (play | put on | i want) {search_query} [please]
t ms.w214 = <xpre> (play | put on) {search_query} <in_area> (on | through | using) <g2e_mpname>
t ms.w215 = [<xlead>] (i feel like | i fancy | we fancy | i'm in the mood for | i could do with) (listening to | hearing) {search_query} <mplace> | [<xlead>] (i fancy | we fancy) {search_query} <mplace>
t ms.w216 = <xpre> (play | put on) (stuff | tunes | hits | the greatest hits | the top songs | a mix | a bunch of songs) (by | from) {media_class=artist} {search_query:artist} <mplace> | <xpre> play the artist {media_class=artist} {search_query:artist} <mplace>
t ms.w217 = <xpre> (play | put on | start | load) (my | the) playlist (called | named) {media_class=playlist} {search_query:playlist} <mplace> | <xpre> play (something | songs | a few songs) from (my | the) {search_query:playlist} playlist {media_class=playlist} <mplace>
t ms.w218 = <xpre> play the (album called | album named | whole album | full album | entire album) {media_class=album} {search_query:album} <mplace> | <xpre> play (the whole | the entire | the full) {search_query:album} album {media_class=album} <mplace>
t ms.w219 = [<xlead>] (can | could | would) you (play | put on | find) (the song | that song | the track) {media_class=track} {search_query:track} <mplace> [for me] [?] | [<xlead>] (i want to | i wanna | let me) hear (the song | that song) {media_class=track} {search_query:track} <mplace>
t ms.w220 = (just | come on ,) (play | put on) {search_query} [already] [<mplace>] | (play | put on) {search_query} [<mplace>] , i said | i said play {search_query} [<mplace>]
t ms.w221 = [<xlead>] if you (could | don't mind | wouldn't mind) , (play | put on) {search_query} <mplace> [please] | (play | put on) {search_query} <mplace> if (you could | you can | it's not too much trouble)
t ms.w222 = (we're having a party | the kids are bored | i can't sleep | i'm going for a run | it's dinner time | time to relax | guests are coming over | it's a lazy sunday) , (play | put on | let's have | how about) {search_query} <mplace>
t ms.w223 = [<xlead>] (listen to | hear) {search_query} <mplace> [please] | [<xlead>] watch (movie {media_class=movie} {search_query:movie} | {media_class=tv_show} show {search_query:tv_show}) <mplace> [please]
t ms.w224 = <xpre> (find | get | search for) {search_query} [for me | to listen to] and (put it on | start it | play that | play it) <mplace>

intent HassSetVolumeRelative
t vr.w201 = <xpre> (amp | jack | ramp | hike | turn) up the <vol> {volume_step=up} <vtgt> | <xpre> (ease | wind | bring | tone) down the <vol> {volume_step=down} <vtgt>
t vr.w202 = <xpre> (turn | bring | ease | nudge) (the <vol> | it | the music | the tv | the telly | the radio | things) down (a bit | a touch | a little | a notch | slightly | a tad) {volume_step=down} <vtgt> | <xpre> (turn | bring | nudge) (the <vol> | it | the music | the tv | the telly | the radio | things) up (a bit | a touch | a little | a notch | slightly | a tad) {volume_step=up} <vtgt>
t vr.w203 = [<xlead>] (i can't hear (what they're saying | the dialogue | the film | the telly | the radio) | we can't hear (anything | the tv | the music) over the (kids | dishwasher | washing machine | traffic | rain | noise)) , (turn it up | make it louder | louder | up the volume | crank it up) [please] {volume_step=up} [<vtgt>]
t vr.w204 = (the neighbours are complaining | the neighbors are complaining | you'll wake the baby | the baby's asleep | it's late | i'm trying to read | the kids are in bed) , (turn it down | quieter | lower the volume | keep it down | not so loud | turn the music down) [please] {volume_step=down} [<vtgt>]
t vr.w205 = <xpre> (give it | add) (another | an extra) {volume_step:up} [of volume] <vtgt>
t vr.w206 = <xpre> (take | knock | drop) {volume_step:down} off the <vol> <vtgt>
t vr.w207 = [<xlead>] (pump it up | crank it | bring it up | boost it | jack it up | juice it up) {volume_step=up} [<vtgt>] [please] | [<xlead>] (keep it down | bring it down | drop it down | tone it down | take it down) {volume_step=down} [<vtgt>] [please]
t vr.w208 = [<xlead>] <g1e_ask> (turn (it | the volume | the music | the tv) up {volume_step=up} | turn (it | the volume | the music | the tv) down {volume_step=down} | raise the <vol> {volume_step=up} | lower the <vol> {volume_step=down} | make it (louder {volume_step=up} | quieter {volume_step=down})) <vtgt> [?]
t vr.w209 = (the <vol> | the music | the telly) <vtgt> , ((up | higher | a bit higher | a bit more) {volume_step=up} | (down | lower | a bit lower | a bit less) {volume_step=down}) [please]
t vr.w210 = <xpre> turn (it | the <vol> | the music | the tv) (up {volume_step:up} | down {volume_step:down}) <vtgt> | <xpre> (volume | sound) (up {volume_step:up} | down {volume_step:down}) <vtgt>
t vr.w211 = [<xlead>] (make | put) (the <vol> | sound | volume) (more | higher | bigger | stronger) {volume_step=up} [please] <vtgt> | [<xlead>] (make | put) (the <vol> | sound | volume) (less | lower | smaller | softer) {volume_step=down} [please] <vtgt>
t vr.w212 = [<xlead>] (it's | this is | that's) (a bit | a little | kind of | rather | pretty) (loud {volume_step=down} | quiet {volume_step=up}) <vtgt> [, (can you sort that out | can you fix that | do something)]
t vr.w213 = <xpre> (turn | bring | nudge | knock) <g2e_mpname> (up {volume_step=up} | down {volume_step=down}) (a (bit | touch | notch | tad) | slightly | some) | <g2e_mpname> is (too loud | a bit loud) , (fix it | turn it down | quieter) [please] {volume_step=down} | <g2e_mpname> is (too quiet | a bit quiet) , (fix it | turn it up | louder) [please] {volume_step=up}
t vr.w214 = (even louder | louder still | still too quiet , louder | come on , louder | more , more) {volume_step=up} [<vtgt>] | (even quieter | quieter still | still too loud , quieter | come on , turn it down) {volume_step=down} [<vtgt>] | i said (louder {volume_step=up} | quieter {volume_step=down})
t vr.w215 = (grandma | grandpa | granny | dad | mum | mom | nana) (can't hear (it | the tv | the telly | the radio) | is struggling to hear) , (turn (it | the tv | the telly | the radio) up | make it louder | up the volume) {volume_step=up} [<vtgt>] [please]
t vr.w216 = <xpre> (lift | push | kick) (the <vol> | it | the music) up (a few notches | a couple of notches | a step | one notch) {volume_step=up} <vtgt> | <xpre> (drop | take | bring) (the <vol> | it | the music) down (a few notches | a couple of notches | a step | one notch) {volume_step=down} <vtgt>

intent HassBroadcast
t bc.w201 = <xpre> (have | make) (all the speakers | every speaker | the speakers | the whole house) (say | announce) [that] {message}
t bc.w202 = {message} , (say that | say it | announce it | broadcast it) (everywhere | in every room | on all the speakers | through the whole house | on every speaker) [please]
t bc.w203 = <xpre> (do | make) a (house-wide | whole-house | family | household) (announcement | message | broadcast) [saying | that | :] {message}
t bc.w204 = [<xlead>] (can | could) you (tell (the whole family | everyone at home | everybody at home | all the rooms | everyone in the house) | let (the whole family | everyone at home | everybody at home | all the rooms | everyone in the house) know) [that] {message} [?]
t bc.w205 = <xpre> make sure (everyone | everybody | the whole house | the kids) (hears | knows | hear | know) [that] {message}
t bc.w206 = <xpre> (say | repeat | read out) (this | the following) (to everyone | in every room | on every speaker | everywhere | out loud in every room) : {message}
t bc.w207 = [<xlead>] (i've got | i have | here's | this is) an announcement [for everyone | for the house | to make] : {message}
t bc.w208 = <xpre> (shout | yell | call) (upstairs | downstairs | up to the kids | down to the kids | to the kids) [that] {message}
t bc.w209 = <xpre> (call | shout) (up | down | out) to (the kids | everyone | the family) (and say | and tell them | saying) {message}
t bc.w210 = <xpre> remind (everyone | everybody | the whole house | the family | the kids) [that] {message}
t bc.w211 = <xpre> use (the speakers | all the speakers | the intercom | every speaker) to (tell everyone | let everyone know | say | announce) [that] {message}
t bc.w212 = {message} , (make sure everyone hears (it | that) | send that to every room | push that to all the speakers | play that in every room)
t bc.w213 = <xpre> broadcast (a message | a quick message | a short message | a quick announcement | an announcement) [that | saying | :] {message}
t bc.w214 = (all speakers | every speaker | all rooms | every room) , (say | announce) {message} | (all speakers | every speaker) (say | announce) {message}

intent HassMediaPause
t mpa.w201 = <xpre> pause <w2e_what> [<w2e_tgt>] <xpost>
t mpa.w202 = <xpre> stop (the film | the episode | the audiobook | the song | the track | the tune | the cartoon) (for now | for a bit | for a minute | there | a sec | for a second) [<w2e_tgt>]
t mpa.w203 = [<xlead>] pause (for a (sec | second | moment | minute | bit) | a sec | a moment | real quick) [<w2e_tgt>]
t mpa.w204 = (pause | stop) (it | that) (already | right now | this second) [<w2e_tgt>] | i said (pause | stop) [it] [<w2e_tgt>] | (pause | stop) , (pause | stop) [it]
t mpa.w205 = (i need to (grab a drink | go to the loo | go to the bathroom | check on the baby | answer the door | take the dog out) | dinner's ready | the kids are up | someone's calling me) , (pause | stop) [it | <mp_what> | <w2e_what>] [<w2e_tgt>] [please]
t mpa.w206 = <w2e_what> , (pause | stop) (it | that) [for a (sec | bit)] [please]
t mpa.w207 = (make | do) [a] pause [please] [<w2e_tgt>] | give (it | the music | the film) a pause [please] [<w2e_tgt>]
t mpa.w208 = [<xlead>] <g1e_ask> pause (it | <mp_what> | <w2e_what>) [<w2e_tgt>] [?]
t mpa.w209 = <xpre> (pause | stop) [<mp_what>] (in here | here | over here) [please] | <xpre> (freeze | pause) (whatever's on | what's on | the playback on) <g2e_mpname>
t mpa.w210 = (the music | the show | the film | the tv | the telly) on pause [<w2e_tgt>] [please] | <g2e_mpname> on pause [please]

intent HassMediaUnpause
t mun.w201 = <xpre> (resume | continue | unpause) <w2e_what> [<w2e_tgt>] <xpost>
t mun.w202 = [<xlead>] (play | play it | ok play | and play) [now] [please]
t mun.w203 = <xpre> carry on with (the film | the episode | the show | the audiobook | the podcast | the music | the song | the programme | the cartoon) [<w2e_tgt>]
t mun.w204 = (ok | right | alright | okay) (i'm ready | we're ready | all set | done | sorted) , (play | hit play | start it again | carry on | resume) [<w2e_tgt>]
t mun.w205 = (pause is over | break's over | break over | snack time's over) , (resume | carry on | play | continue) [<mp_what> | <w2e_what>] [<w2e_tgt>]
t mun.w206 = [<xlead>] <g1e_ask> (resume | unpause | continue) [<mp_what> | <w2e_what>] [<w2e_tgt>] [?]
t mun.w207 = [<xlead>] (where was i | where were we) , (resume | continue | carry on) [<mp_what> | <w2e_what>] [<w2e_tgt>]
t mun.w208 = make (it | the music | the film) play again [please] [<w2e_tgt>] | (music | film | video | movie | song) continue [please]
t mun.w209 = (<w2e_what> | <g2e_mpname>) , (carry on | go on | start it again | keep going) [please]
t mun.w210 = [<xlead>] make the (cartoon | film | video | show | music) (go | play) again [please] [<w2e_tgt>] | [<xlead>] get the (cartoon | film | video | show | music) (going | playing) again [please] [<w2e_tgt>]
t mun.w211 = <xpre> (resume | unpause | continue) (whatever was playing | what was playing | what i was (listening to | watching) | what we were watching) [<w2e_tgt>]
t mun.w212 = <xpre> pick (it | the film | the episode | the music | the show) up (again | where it stopped | from where it stopped) [<w2e_tgt>]

intent HassMediaNext
t mnx.w201 = <xpre> skip (this tune | the tune | this episode | this chapter | this video) [<w2e_tgt>] | [<xlead>] next (tune | chapter | video | one please) [<w2e_tgt>]
t mnx.w202 = <xpre> (fast forward | jump ahead | zip ahead) to the next (song | track | one | episode | chapter) [<w2e_tgt>]
t mnx.w203 = (nah | nope | no | ugh | meh) , (next | skip | skip it | next one | another one) [<w2e_tgt>] [please]
t mnx.w204 = [<xlead>] (play | give me | let's have | put on) (something else | a different song | another song | a different track | another track) [<w2e_tgt>]
t mnx.w205 = [<xlead>] <g1e_ask> skip (this | this one | ahead | to the next one | this song) [<w2e_tgt>] [?]
t mnx.w206 = i've heard (this one | this song | this) (too many times | a million times | already | enough) , (skip | next | next one | skip it) [<w2e_tgt>]
t mnx.w207 = (skip | next) (it | this | this one | the song | the track) (already | right now) [<w2e_tgt>] | i said (skip | next) [<w2e_tgt>] | (next , next | skip , skip)
t mnx.w208 = <xpre> (go | skip | jump) forward (one | a) (song | track) [<w2e_tgt>] | (one | a) (song | track) forward [please] [<w2e_tgt>]
t mnx.w209 = (change | different | another) (song | track | tune) [please] [<w2e_tgt>]
t mnx.w210 = <w2e_what> , (next | skip) [it | this one] [please] | (<g2e_mpname> | the {area}) (next | skip) (song | track | one) [please]

intent HassMediaPrevious
t mpr.w201 = <xpre> (play | put on) (that | the) last (song | track | one | tune) again [<w2e_tgt>]
t mpr.w202 = <xpre> (bring back | rewind to | go back to) that last (song | track | one | tune) [<w2e_tgt>]
t mpr.w203 = [<xlead>] (previous | last | back one) (tune | chapter | video) [<w2e_tgt>]
t mpr.w204 = [<xlead>] (one | a) (song | track) back [please] [<w2e_tgt>]
t mpr.w205 = i said (back | go back | previous) [<w2e_tgt>] | (back , back | go back , go back) | (go back | previous) (already | right now) [<w2e_tgt>]
t mpr.w206 = <xpre> repeat the (last | previous) (song | track | one | tune) [<w2e_tgt>]
t mpr.w207 = [<xlead>] <g1e_ask> go back (a | one) (song | track) [<w2e_tgt>] [?]
t mpr.w208 = (i missed | i didn't catch | i didn't hear) the last (song | one | track) , (go back | back one | play it again) [<w2e_tgt>]
t mpr.w209 = <xpre> go back to (the one before | the one before this | the song before | what was playing before) [<w2e_tgt>]
t mpr.w210 = (before song | song before | last song | back song) [please] [<w2e_tgt>]

intent HassSetVolume
t sv.w201 = <xpre> (raise | increase | lower | reduce | drop | boost) the <vol> to {volume_level} [<w2e_tgt>]
t sv.w202 = [<xlead>] <g1e_ask> (set | put | bring) the <vol> (to | at) {volume_level} [<w2e_tgt>] [?]
t sv.w203 = (the baby's sleeping | it's late | i'm on the phone | the kids are in bed | we've got guests | i'm working) , ((set | put) the <vol> (at | to) | keep the <vol> at) {volume_level} [<w2e_tgt>] [please]
t sv.w204 = <g2e_mpname> (at | to) {volume_level} volume [please] | <g2e_mpname> , volume {volume_level} [please]
t sv.w205 = <xpre> (put | have) (the music | the tv | the telly | the radio | it) (at | on) volume {volume_level} [<w2e_tgt>] | <xpre> play (the music | it) at volume {volume_level} [<w2e_tgt>]
t sv.w206 = [<xlead>] (can i have | can we have | could i get | i'd like) (volume | the volume | the sound) [at | on] {volume_level} [<w2e_tgt>] [please] [?]
t sv.w207 = [<xlead>] the <vol> (needs to | has to | must) be {volume_level} [<w2e_tgt>]
t sv.w208 = [<xlead>] the <vol> (to | at) {volume_level} for <g2e_mpname> [please]
t sv.w209 = <xpre> (turn | crank | bring) (it | the music | the tv | the telly) up to {volume_level} [<w2e_tgt>] | <xpre> (turn | bring) (it | the music | the tv | the telly) down to {volume_level} [<w2e_tgt>]
t sv.w210 = (make | put) volume {volume_level} [please] | (sound | volume) {volume_level} please

intent HassMediaPlayerMute
t mu.w201 = <xpre> (mute | silence) (the telly | the radio | the film | the adverts | the ads | the commercials | this advert | this ad | this commercial)
t mu.w202 = <xpre> (set | switch) (it | the tv | the telly | <g2e_mpname>) to mute
t mu.w203 = (shh | shush | shhh) , (mute | silence) (it | the tv | the telly | <g2e_mpname>) [please]
t mu.w204 = (mute | silence) (it | the tv | the telly | <g2e_mpname>) (already | right now) | i said mute [it | the tv | <g2e_mpname>] | mute , mute [it]
t mu.w205 = [<xlead>] <g1e_ask> mute (it | the tv | the telly | <g2e_mpname>) [?]
t mu.w206 = (someone's on the phone | i'm taking a call | grandma's napping | the doorbell's ringing | we're talking | the adverts are on) , (mute | silence | put on mute) (it | the tv | the telly | <g2e_mpname>)
t mu.w207 = (the tv | the telly | <g2e_mpname>) (on | to) mute [please]
t mu.w208 = <xpre> make (it | the tv | the telly | the music) (silent | mute | go silent)
t mu.w209 = <xpre> (mute | silence) (the tv | the telly | the speaker | the music) (in here | here) | <xpre> mute (in here | everything in here)
t mu.w210 = (do | make) mute [please] | mute on [please] [for <g2e_mpname>]

intent HassMediaPlayerUnmute
t um.w201 = <xpre> unmute (the telly | the radio | the film | the speakers | the audio | the sound | everything | the video)
t um.w202 = unmute (it | that | the tv | <g2e_mpname>) (already | right now) | i said unmute [it | the tv | <g2e_mpname>] | unmute , unmute [it]
t um.w203 = [<xlead>] <g1e_ask> unmute (it | the tv | the telly | <g2e_mpname>) [?]
t um.w204 = (the ads are over | the adverts are done | i'm off the call | the baby's up | they've gone | the programme's back on) , (unmute [it | the tv | the telly | <g2e_mpname>] | put the sound back on | take (it | the tv | the telly | <g2e_mpname>) off mute)
t um.w205 = (the tv | the telly | <g2e_mpname>) (off mute | unmuted) [please]
t um.w206 = <xpre> (turn | switch | flip) (it | the tv | the telly | <g2e_mpname>) off mute
t um.w207 = (there's no sound | the sound's gone | it's gone silent | i've lost the sound) , (unmute | unmute it | turn the sound back on | take it off mute) [please]
t um.w208 = <xpre> (unmute | un-mute) (the sound | the audio | the volume) [on <g2e_mpname>]
t um.w209 = (make the sound come back | sound come back | make it not mute | no mute) [please]
t um.w210 = [<xlead>] (we can have | we can get | i'll have | let's have) the (sound | audio) back (now | on) [please]
t um.w211 = why is (it | the tv | the telly | <g2e_mpname>) (still muted | on mute) [?] , unmute it [please]
t um.w212 = <xpre> (unmute | turn the sound on) (in here | here) [please]

# ---------- round 3 g3en (en): timers, time, date, weather: new verbs (lengthen, postpone, shave off, erase), terse/non-native forms, situations before the command, pause-vs-cancel contrasts (ids *.w*) ----------
rule w3e_tt = <g3e_tt> | <g3e_tt> | <g3e_tt> | the (timer | one) (i set | i started | we set | you set) for <sdur> | the <sdur> one | my {name:timer} timer | the {name:timer} one | the (timer | one) (in | for) the {area} | the one <in_area>
rule w3e_after = , would you | , please | , thanks | , cheers | , if you can | , ta

intent HassIncreaseTimer
t ti+.w301 = <xpre> (lengthen | postpone) <w3e_tt> by <dur> <xpost>
t ti+.w302 = <xpre> (extend | lengthen | increase) <w3e_tt> (with | for) (another | an extra | a further) <dur>
t ti+.w303 = [<xlead>] (plus | add | add on) <dur> [please | to it] | [<xlead>] (another | an extra) <dur> [please | on it]
t ti+.w304 = <xpre> (let <w3e_tt> (run | go on) | keep <w3e_tt> (running | going)) (<dur> longer | for another <dur> | for an extra <dur>)
t ti+.w305 = <xpre> push <w3e_tt> out (by | another) <dur>
t ti+.w306 = [<xlead>] (is it possible | would it be possible | is there a way) to (add | put) <dur> (to | onto | on) <w3e_tt> [?]
t ti+.w307 = [<xlead>] (it's not done yet | it's still raw | not ready yet | it's still not cooked | still not done) , <dur> more [on <w3e_tt>] [please]
t ti+.w308 = <w3e_tt> , (make it <dur> longer | extend it by <dur> | give it <dur> more | add another <dur> | stick another <dur> on)
t ti+.w309 = (plus | put) <dur> (on | onto) timer [please] | timer plus <dur> [please]
t ti+.w310 = (extend | increase | lengthen) timer <dur> [more] [please]
t ti+.w311 = [<xlead>] (give me | give us | gimme | get me) (another | an extra | a further) <dur> (on | for) <w3e_tt>
t ti+.w312 = [<xlead>] (i | we) (want | would like | need) <w3e_tt> (extended | lengthened | increased | pushed back) by <dur>
t ti+.w313 = [<xlead>] (i need | we need | i want) (more time | a little longer | a bit more time | a few more minutes) , (add | put) <dur> (on | onto | to) <w3e_tt>
t ti+.w314 = <xpre> (increase | extend | up) the (duration | length) of <w3e_tt> by <dur>
t ti+.w315 = <xpre> (make | have) <w3e_tt> (run | last | go) <dur> longer
t ti+.w316 = <xpre> (add | put | tack) <dur> (on | onto | to) the (one | timer) (that's already running | that's going | already going)
t ti+.w317 = <xpre> (don't | do not) (cancel | stop | start a new one) , just add <dur> to <w3e_tt>
t ti+.w318 = <dur> (extra | more) (on | for) (the | my) {name:timer} [please]
t ti+.w319 = <xpre> (add | give it | put on) <dur> more before <w3e_tt> (goes off | rings | ends)
t ti+.w320 = <xpre> (can | could | would) you (lengthen | stretch | postpone) <w3e_tt> by <dur> [?]
t ti+.w321 = [<xlead>] (the dough needs | the bread needs | it needs | this needs | the kids need) (another | an extra) <dur> , (add | put) it (on | onto | to) <w3e_tt>
t ti+.w322 = <xpre> add <dur> (on | onto | to) the countdown <w3e_after>

intent HassDecreaseTimer
t td.w301 = <xpre> (shave | trim | knock) off <dur> (from | of) <w3e_tt> <xpost>
t td.w302 = <xpre> (shorten | cut | reduce | decrease) <w3e_tt> (with | for) <dur>
t td.w303 = <w3e_tt> , (cut it | shorten it | bring it down | take it down | reduce it) by <dur> | <w3e_tt> , make it <dur> shorter
t td.w304 = [<xlead>] (it's cooking faster than i thought | it's browning too fast | it's almost done already | it's going to burn | the oven's hotter than i thought) , (take | knock | shave) <dur> off [<w3e_tt>]
t td.w305 = [<xlead>] (minus | subtract | remove) <dur> [from it | from the timer] [please]
t td.w306 = <dur> off <w3e_tt> [please]
t td.w307 = [<xlead>] (i | we) (want | would like | need) <w3e_tt> (shortened | cut | reduced | cut down) by <dur>
t td.w308 = [<xlead>] (is it possible | would it be possible | is there a way) to (take | cut | shave) <dur> off <w3e_tt> [?]
t td.w309 = <xpre> (decrease | reduce | cut | shorten) the (duration | length) of <w3e_tt> by <dur>
t td.w310 = <xpre> (make | have) <w3e_tt> (end | finish | go off | ring) <dur> (early | earlier | sooner)
t td.w311 = <xpre> (cut back | scale back | pare down) <w3e_tt> by <dur>
t td.w312 = [<xlead>] (oops | whoops | sorry | my mistake) , <w3e_tt> (should be | needs to be | was meant to be) <dur> shorter
t td.w313 = [<xlead>] (how about | can we do | let's do | let's make it) <dur> less (on | for) <w3e_tt> [?]
t td.w315 = <xpre> (don't | do not) (cancel | stop) <w3e_tt> , just (take | cut | knock) <dur> off [it]

intent HassPauseTimer
t tp.w301 = <xpre> (pause | hold | freeze | stop) <w3e_tt> (for now | for a bit | for a minute) but (don't | do not) (cancel | delete | reset) it
t tp.w302 = [<xlead>] (hold on | one sec | one moment | wait wait | just a sec | hang on) , (pause | hold | freeze) <w3e_tt> [please]
t tp.w303 = (pause | freeze) (the | my) (timer | countdown) (a sec | a second | one sec | a moment)
t tp.w304 = <xpre> (stop | halt) the (clock | countdown) on <w3e_tt> (for now | for a moment | temporarily | for a sec)
t tp.w305 = <xpre> put a (pause | hold) on <w3e_tt>
t tp.w306 = [<xlead>] (i need to | i have to | i gotta | i've got to) (step out | run to the shop | grab something | get the door | change the baby | take a call) , (pause | hold) <w3e_tt> [until i'm back | till i get back]
t tp.w307 = <w3e_tt> (needs to be | should be | can be) paused [for a bit | for now] | <w3e_tt> on pause [please]
t tp.w308 = [<xlead>] (can | could | would) you (stop | hold) <w3e_tt> (for a moment | for a second | for now) without (cancelling | resetting | deleting) it [?]
t tp.w309 = <xpre> (pause | freeze) <w3e_tt> , (i'll | we'll) (resume | continue | start it again | restart it) (later | in a bit | soon)
t tp.w310 = [<xlead>] (i'm | we're) not ready yet , (pause | hold) <w3e_tt>
t tp.w311 = <xpre> (set | switch) <w3e_tt> to (paused | pause mode)
t tp.w312 = <xpre> (pause | hold) <w3e_tt> (while | until) (i check on the food | i stir the sauce | i flip the steak | the kids settle down | i find the tray)
t tp.w313 = <xpre> stop <w3e_tt> from (counting down | running | ticking) (for now | for a moment | for a minute | for a while)
t tp.w314 = <xpre> (pause | hold) <w3e_tt> , (don't | do not) (stop | cancel | end) it
t tp.w315 = <xpre> (pause | hold | freeze) the countdown <w3e_after>

intent HassTimerStatus
t ts.w301 = how (much time | long) (do i have | have i got | do we have | have we got) (left | remaining) (on | for) <w3e_tt> [?]
t ts.w302 = how (long | much) to go [on <w3e_tt>] [?] | how much left [on <w3e_tt>] [?] | how long left [?]
t ts.w303 = is <w3e_tt> (ready | about to go off | about to ring | close to done) [yet] [?]
t ts.w304 = how (long | much longer) (till | until) (the | my) {name:timer} (is done | is ready | comes out) [?] | how (long | much longer) (till | until) (it's done | it rings | it goes off | the timer's done | the buzzer goes) [?]
t ts.w305 = (what's | what is) <w3e_tt> at [now | right now] [?]
t ts.w306 = [<xlead>] (give me | tell me) the (time left | remaining time | time remaining) on <w3e_tt>
t ts.w307 = [<xlead>] (how are | how're) (we | things) (doing | looking) on <w3e_tt> [?]
t ts.w308 = how many timers (are | have i got | do i have) (left | still going | running | on) [<in_area>] [?]
t ts.w309 = is there a timer (on | set | going | running) [<in_area>] [?]
t ts.w310 = (how much is | how many minutes are) [still] left on the clock [for <w3e_tt>] [?]
t ts.w311 = [<xlead>] (i can't see the clock | i lost track | i forgot) , how long (has <w3e_tt> got left | does <w3e_tt> have left) [?]
t ts.w312 = <xpre> (read out | say | announce) the time (left | remaining) on <w3e_tt>
t ts.w313 = (when will <w3e_tt> be (done | up | over | finished) | when is <w3e_tt> (due | up | done)) [?]
t ts.w314 = <w3e_tt> , how much longer [?]
t ts.w315 = (status of | status on | update on) <w3e_tt> [please] [?]

intent HassStartTimer
t tm.w301 = <xpre> (remind me | give me a reminder) (in | after) <dur> | <xpre> alert me at the end of <dur>
t tm.w302 = <xpre> (wake me | wake me up | get me up) (in | after) <dur>
t tm.w303 = [<xlead>] (i'm | we're) (baking | boiling | cooking | roasting | doing) (the | some | my) {name:timer} , (give me | set | start) a timer for <dur>
t tm.w304 = [<xlead>] (timer | countdown) <dur> [now | go | please]
t tm.w305 = <xpre> (set | start) (me | us) a timer (for | of) <dur> <xpost>
t tm.w306 = <xpre> (start | run) the clock for <dur>
t tm.w307 = <xpre> (set up | program | schedule) a timer (for | of) <dur> [(called | named | for) {name:timer}]
t tm.w308 = [<xlead>] (can | could | may) i (have | get) a timer (for | of) <dur> [please] [?]
t tm.w309 = <xpre> (give me a (shout | nudge | beep) | let me know | tell me) in <dur>
t tm.w310 = [<xlead>] (i need to | i have to | i must) (leave | go | check the oven | take my pills | pick up the kids) in <dur> , (set | start) a timer
t tm.w311 = <xpre> (get | have) a <dur> timer (going | running)
t tm.w312 = [<xlead>] (make | create | add) (a | another | a new | one more) timer (for | of) <dur> [(called | named) {name:timer}]
t tm.w313 = [<xlead>] {name:timer} timer for <dur> [please]
t tm.w314 = <xpre> (once | as soon as) it's been <dur> , {conversation_command}
t tm.w315 = [<xlead>] (start | set) a new timer , <dur> , (call | name) it {name:timer}

intent HassCancelTimer
t tc.w301 = <xpre> (erase | wipe | throw away | bin) <w3e_tt> <xpost>
t tc.w302 = [<xlead>] (never mind | forget it | no wait | actually) , (cancel | stop | scrap) <w3e_tt>
t tc.w303 = <xpre> (cancel | stop | kill) <w3e_tt> , (i | we) (took it out | turned it off | finished) (already | early)
t tc.w304 = <xpre> (stop | end) the countdown (for | on) <w3e_tt>
t tc.w305 = <xpre> (cancel | delete) <w3e_tt> (straight away | immediately | this second)
t tc.w306 = [<xlead>] (i changed my mind | i've changed my mind | we changed our minds | we've changed our minds) , (cancel | delete | stop) <w3e_tt>
t tc.w307 = [<xlead>] (don't | do not) bother with <w3e_tt> (anymore | any longer | after all)
t tc.w308 = <xpre> (remove | delete | cancel) the (one | timer) (i set | you set | we set) (earlier | before | a minute ago)
t tc.w309 = <xpre> (cancel | delete | stop) (the | my) (last | latest | most recent) timer
t tc.w310 = [<xlead>] is <w3e_tt> still (going | running) ? (cancel | stop) it
t tc.w311 = <w3e_tt> , (scrap | kill | forget | delete) (that | it) [please]
t tc.w312 = <xpre> (cancel | delete) <w3e_tt> , (don't just pause it | don't pause it | i said cancel not pause)

intent HassUnpauseTimer
t tu.w301 = <xpre> start <w3e_tt> (again | back up) | <xpre> start up <w3e_tt> again
t tu.w302 = <xpre> (let <w3e_tt> (go | run) again | let <w3e_tt> carry on)
t tu.w303 = [<xlead>] (the call's over | done with the phone | the kids are settled | okay we're good | that's sorted) , (let | have) <w3e_tt> (carry on | keep going | continue)
t tu.w304 = <xpre> (resume | continue) (counting down | the countdown) (on | for) <w3e_tt>
t tu.w305 = <xpre> (take the (hold | pause) off | lift the (hold | pause) on) <w3e_tt>
t tu.w306 = [<xlead>] (can | could | would) you (start <w3e_tt> back up | get <w3e_tt> going again | get <w3e_tt> back on) [?]
t tu.w307 = <w3e_tt> , (off you go | keep going | start again | go again) [please]
t tu.w308 = <xpre> (resume | continue | unpause) <w3e_tt> , (don't | do not) (reset | restart | cancel) it
t tu.w309 = [<xlead>] (i | we) (want | would like) <w3e_tt> (running | going | counting) again
t tu.w310 = <xpre> (unpause | resume | continue) the paused (timer | countdown | one | {name:timer} timer)
t tu.w311 = [<xlead>] (is it possible | is there a way) to (resume | unpause) <w3e_tt> [?] | [<xlead>] any chance you could (resume | unpause) <w3e_tt> [?]
t tu.w312 = <xpre> (set | get) <w3e_tt> (moving | rolling) again

intent HassCancelAllTimers
t ta.w301 = <xpre> (cancel | clear | kill | stop) (every [single] countdown | all (the | my) countdowns | all countdowns) [<in_area>]
t ta.w302 = <xpre> (erase | purge | wipe away) (all | every one of) (the | my) timers [<in_area>]
t ta.w303 = [<xlead>] (we're done | dinner's ready | everything's cooked | we're finished cooking) , (cancel | clear | stop) (all | every one of) (the | my) timers [<in_area>]
t ta.w304 = (all | every one of) (the | my) timers <in_area> (off | gone | cancelled) [please]
t ta.w305 = <xpre> (clear | cancel | stop) all [the] timers (for | from) the {area}
t ta.w306 = [<xlead>] (i | we) want (all | every one of) (the | my) timers (gone | cancelled | cleared) [<in_area>]
t ta.w307 = <xpre> (cancel | clear) (every | each) timer (in the house | everywhere | there is)
t ta.w308 = (cancel | kill | scrap) timers [please | now] | (timers | all timers) , (cancel | clear | kill) (all | everything | the lot)

intent HassGetCurrentTime
t ti.w301 = what time do you make it [?]
t ti.w302 = is it (five | six | seven | eight | nine | ten) o'clock yet [?]
t ti.w303 = (time | time now | time please | what time) [?]
t ti.w304 = [<xlead>] what o'clock is it [?]
t ti.w305 = [<xlead>] (i forgot my watch | i left my phone upstairs | i've no watch on | the clock's stopped) , (what's | what is) the time [?]
t ti.w306 = (what time are we at | where are we time-wise | where are we at time-wise) [?]
t ti.w307 = [<xlead>] [please] (give me | tell me) the (exact | correct | local) time
t ti.w308 = [<xlead>] (read out | announce | call out) the (time | current time) [please]
t ti.w309 = [<xlead>] (how late is it | what time is it) (right now | now) , (roughly | exactly | more or less) [?]

intent HassGetCurrentDate
t da.w301 = (what's | what is) the day (today | again) [?]
t da.w302 = (what's | what is) the day of the (week | month) [today] [?]
t da.w303 = (what | which) month are we in [?]
t da.w304 = is (it | today) the (first | second | tenth | fifteenth | twentieth | thirtieth) [today] [?]
t da.w305 = [<xlead>] (read me | read out) (today's date | the date | the day and date) | [<xlead>] (give me | say) the day and date
t da.w306 = (date | date today | day today | what date) [?]
t da.w307 = [<xlead>] (remind me | tell me) what (day | date) today is
t da.w308 = [<xlead>] (i'm filling out a form | i'm writing a cheque | i'm signing something | i'm dating a letter) , (what's | what is) (the date | today's date) [?]
t da.w309 = (what | which) weekday is (it | today) [?] | (what | which) day of the week is today [?]
t da.w310 = [<xlead>] (i've no idea | i have no idea | i don't know) what day it is , (what's | what is) the date [?]

intent HassGetWeather
t we.w301 = (how's the weather looking | what's the weather looking like) [today | this morning | this afternoon | this evening | tonight] [?]
t we.w302 = (is it | will it be) a (good | nice) day (for a walk | for the beach | to hang the washing out | for a picnic | for cycling) [?]
t we.w303 = (do i need to | should i) (wrap up | dress warm | bundle up | dress light) [today] [?]
t we.w304 = (what's | what is) the (temperature | temp) (going to be | gonna be) (today | tonight | later) [?] | how (hot | cold | warm) (is it going to | will it) (be | get) today [?]
t we.w305 = (how's the weather [over] (at | in) {name:weather} looking | what's the weather [over] (at | in) {name:weather} like) [?]
t we.w306 = <xpre> (check | look at | get me) the {name:weather} (forecast | weather)
t we.w307 = (is it | is it going to be) (wet | dry | stormy | icy | humid | muggy) (out | outside | today) [?]
t we.w308 = [<xlead>] (i'm heading out | we're going out | i'm about to go for a run | i'm walking the dog) , (what's | how's) the weather [like] [?]
t we.w309 = (weather | forecast) (today | for today | now | outside) [?]
t we.w310 = (what's | what is) the (weather | forecast) (saying | predicting) [for today] [?] | (what's | what is) the forecast calling for [today | tonight] [?] | (what's | what is) the forecast saying <g3e_wx> [?] | (what's | what is) the forecast calling for (in | at) {name:weather} [?]
t we.w311 = <xpre> (give me | tell me about | fill me in on) (today's | the current | the local) weather
t we.w312 = (is the sun (out | shining) | is it (overcast | clear) out) [today] [?]
t we.w313 = (will it | is it going to) (clear up | warm up | cool down | stay dry) (later | today) [?]


# ---------- round 3 g4en (en): new verbs, idioms, questions, situations and orders for lists, shopping, vacuum, mower, nevermind, respond, chit-chat (ids *.w*) ----------
rule w4e_ls = <g4e_ls> | <g4e_ls> | <g4e_ls> | the list (called | named) {name:todo}
rule w4e_shop = <g4e_shop> | <g4e_shop> | the list
rule w4e_vacn = vacuum | robot vacuum | robot | hoover | robot hoover | vac | vacuum robot | cleaning robot | robot cleaner
rule w4e_ask = is it possible to | any chance you could | how about you | i need you to | would you be so kind as to
rule w4e_mind = mind | do you mind | would you mind terribly

intent HassListRemoveItem
t lr.w401 = <xpre> (erase | scrap | axe | nix | purge) {item} (from | off) <w4e_ls> <xpost>
t lr.w402 = <xpre> (take {item} away from | get {item} off of | pull {item} from) <w4e_ls>
t lr.w403 = [the] {item} (on | in) <w4e_ls> [,] (delete | erase | remove) (it | that) [please]
t lr.w404 = [<xlead>] <w4e_ask> (remove | delete | erase) {item} (from | on) <w4e_ls> [?]
t lr.w405 = (we've still got plenty of | we've got loads of | we still have enough | there's still some) {item} , (erase | delete | remove) it from <w4e_ls>
t lr.w406 = (oops | whoops | oh no) , (i | we) (added | put) {item} (on | to) <w4e_ls> by (mistake | accident) , ((remove | delete | erase) it | take it off)
t lr.w407 = <xpre> (undo | cancel) adding {item} (to | on) <w4e_ls>
t lr.w408 = <xpre> (cancel | scrap) {item:task} (on | from | in) <w4e_ls> <xpost>
t lr.w409 = [<xlead>] (i | we) (don't want | no longer want) {item} (on | in) <w4e_ls> (anymore | any more) [, (delete | remove) it]
t lr.w410 = (there's no need for | we can do without | we can skip) {item} , (erase | delete | remove) it from <w4e_ls>
t lr.w411 = (just | quick) (delete | erase | remove) {item} (from | off) <w4e_ls> (already | , come on | now)
t lr.w412 = [<xlead>] {item} (has to | needs to | should) (be deleted | be erased | be removed) from <w4e_ls>
t lr.w413 = [<xlead>] (i'd appreciate it if you'd | would you be so kind as to | i want you to) (erase | delete | remove) {item:task} from <w4e_ls>
t lr.w414 = <xpre> (delete | remove | erase) {item} (from | off) <w4e_ls> , (it's a duplicate | it's on there twice | it's listed twice | that's wrong)
t lr.w415 = <xpre> get {item} off <w4e_ls> <xpost>
t lr.w416 = <xpre> strike {item} from <w4e_ls> [entirely | altogether | completely]
t lr.w417 = <xpre> (kick | boot) {item} off <w4e_ls>
t lr.w418 = (forget about | never mind about) {item} , (erase | delete | scrap) it from <w4e_ls>
t lr.w419 = [<xlead>] <w4e_mind> (taking | getting) {item} off <w4e_ls> [?]
t lr.w420 = <w4e_ls> , (delete | remove | erase) (the entry | the item | the line) {item}

intent HassListCompleteItem
t lc.w401 = <xpre> (tick | checkmark) {item} (on | in) <w4e_ls> <xpost>
t lc.w402 = <xpre> mark {item:task} (done | completed | finished) (on | in) <w4e_ls>
t lc.w403 = (i | we) (completed | wrapped up | knocked out | got through) {item:task} [today] , (tick it off | mark it done on | mark it off) <w4e_ls>
t lc.w404 = <xpre> (strike through | put a line through | draw a line through) {item} (on | in) <w4e_ls>
t lc.w405 = <xpre> (set | change | switch) {item} to (done | complete | completed) (on | in) <w4e_ls>
t lc.w406 = [<xlead>] <w4e_ask> (tick | check) off {item} (on | in) <w4e_ls> [?]
t lc.w407 = {item} (on | in) <w4e_ls> [,] (tick it off | check it off | mark it done | mark it as done) [please]
t lc.w408 = <xpre> (complete | finish) {item:task} (on | in) <w4e_ls> <xpost>
t lc.w409 = (i | we) did {item:task} [already] , (can i | can we) (have | get) a (tick | check) (on | in) <w4e_ls> [?]
t lc.w410 = [<xlead>] (consider | count) {item:task} (done | finished | ticked off) (on | in) <w4e_ls>
t lc.w411 = <xpre> give {item} a (tick | check mark | checkmark) (on | in) <w4e_ls>
t lc.w412 = [<xlead>] (please | can you) (get | have) {item} (ticked off | checked off | marked done) (on | in) <w4e_ls> [?]
t lc.w413 = <xpre> (tick off | check off | mark off) {item} (from | in) the list (called | named) {name:todo}
t lc.w414 = (good news | guess what | right) , {item} is (done | finished | sorted) , (tick | check) it off <w4e_ls>
t lc.w415 = [<xlead>] <w4e_mind> (ticking | checking) off {item} (on | in) <w4e_ls> [?]
t lc.w416 = <w4e_ls> : (tick | check) off {item} [please]

intent HassVacuumStart
t vs.w401 = <xpre> (unleash <det> {name:vacuum} | let <det> {name:vacuum} loose | set <det> {name:vacuum} loose) <xpost>
t vs.w402 = <xpre> (tell | ask) <det> {name:vacuum} to (start | get going | start cleaning | get cleaning | do its job) <xpost>
t vs.w403 = (come on | hurry up) [,] {name:vacuum} [,] (start | get going | get cleaning | get a move on)
t vs.w404 = <xpre> get <det> {name:vacuum} (rolling | moving | cracking | on the job)
t vs.w405 = <xpre> (press | hit | push) (start | go | the start button) on <det> {name:vacuum}
t vs.w406 = (the floor's a mess | the floor is filthy | there's dog hair everywhere | it's so dusty in here | we've got guests coming) , (could you | can you | please) (set | get) <det> {name:vacuum} (going | started | working) [?]
t vs.w407 = (how about | what about) (starting | running | firing up) <det> {name:vacuum} [now] [?]
t vs.w408 = <det> {name:vacuum} , ((can you | could you) (start it | run it | switch it on) [?] | please (start it | run it | switch it on))
t vs.w409 = <xpre> (start | run | turn on | fire up) the {area} <w4e_vacn> <xpost>
t vs.w410 = <xpre> (get | set) the <w4e_vacn> <in_area> (going | started | running | moving)
t vs.w411 = <xpre> (vacuum | hoover) (the | the whole | all of the) {floor} <xpost>
t vs.w412 = <xpre> (clean | do | vacuum) (the floors | the carpets) (on the | across the | throughout the) {floor}
t vs.w413 = <xpre> (start | run | turn on | switch on) the {floor} (vacuum | robot | hoover | robot vacuum)
t vs.w414 = the {floor} (needs | could do with | could use) (a (vacuum | hoover) | vacuuming | hoovering) [, start the <w4e_vacn>]
t vs.w415 = <xpre> (let | have) <det> {name:vacuum} (go over | do) the (house | floors | whole place | carpets)
t vs.w416 = (can | could) we (make | let) <det> {name:vacuum} (go | drive around | clean) [?]
t vs.w417 = <xpre> (wake | power | boot) up <det> {name:vacuum} and (start | get) (cleaning | vacuuming | to work)
t vs.w418 = (there's (dirt | mud | sand | fluff) | there are crumbs) all over the floor , (start | run | fire up) the <w4e_vacn> <in_area>
t vs.w419 = <xpre> give the (floors | house | carpets) a (quick | proper) (once over | going over | clean) with <det> {name:vacuum}

intent HassListAddItem
t la.w401 = <xpre> (chuck | bung | slip) {item} (on | onto | in) <w4e_ls> <xpost>
t la.w402 = [<xlead>] {item} (needs adding to | wants adding to | needs to be added to | should be added to) <w4e_ls>
t la.w403 = <xpre> (put down | pencil in) {item:task} (on | in) <w4e_ls>
t la.w404 = (oh | oh yeah | ah) [,] (that reminds me | i just remembered | while i think of it) , (add {item} to | put {item} on) <w4e_ls>
t la.w405 = [<xlead>] <w4e_mind> adding {item} to <w4e_ls> [?]
t la.w406 = <xpre> add {item} to the list (called | named) {name:todo} <xpost>
t la.w407 = <xpre> (add {item:task} to | put {item:task} on | stick {item:task} on) <w4e_ls> for (today | tomorrow | this week | the weekend | monday)
t la.w408 = {item} (to | onto | into) <w4e_ls> [please | thanks]
t la.w409 = (how about | what about) (adding {item} to | putting {item} on) <w4e_ls> [?]
t la.w410 = (don't let me forget | i mustn't forget | i can't forget) (about {item} | to {item:task}) , (add it to | put it on | stick it on) <w4e_ls>
t la.w411 = [<xlead>] (would you be so kind as to | i need you to) (add {item} to | put {item} on) <w4e_ls>
t la.w412 = <xpre> (tack | add) {item} on to the end of <w4e_ls>

intent HassShoppingListAddItem
t sl.w401 = <xpre> (chuck | bung | slip) {item} on <w4e_shop> <xpost>
t sl.w402 = (someone | somebody | the kids | you lot) (used up | took | had) the last of the {item} [, (add (it | some) to | put (it | some) on) the list]
t sl.w403 = <xpre> (add {item} to | put {item} on) the list <xpost>
t sl.w404 = [<xlead>] remind me to (buy | get | pick up | grab) {item} [(at | from) the (shop | store | supermarket)]
t sl.w405 = [<xlead>] <w4e_mind> (adding {item} to | putting {item} on) <w4e_shop> [?]
t sl.w406 = {item} (needs adding to | wants adding to | should be added to) <w4e_shop>
t sl.w407 = <xpre> (add {item} to | put {item} on | stick {item} on) <w4e_shop> for (tomorrow | the weekend | saturday | the next shop | the big shop | the weekly shop)
t sl.w408 = (shopping list | on the shopping list | for the shopping list) [:] {item} [please]
t sl.w409 = ((the baby | the dog | the cat | grandma) (needs | wants) | the kids (need | want)) {item} , (add (it | that) to | put (it | that) on) <w4e_shop>
t sl.w410 = [<xlead>] (we're gonna need | we'll need | i'm going to need) {item} (for the weekend | for the party | for tomorrow | for dinner | this week) , (add (it | that) to | put (it | that) on | stick (it | that) on) the (list | shopping list)
t sl.w411 = (please | pls) (add | put) {item} (in | into) <w4e_shop>
t sl.w412 = (add {item} to | put {item} on | stick {item} on) <w4e_shop> <g1e_after>

intent HassShoppingListCompleteItem
t sc.w401 = <xpre> (tick | checkmark) {item} (on | in) <w4e_shop> <xpost>
t sc.w402 = <xpre> (set | change | switch) {item} to (bought | done | purchased) (on | in) <w4e_shop>
t sc.w403 = <xpre> (strike through | put a line through | draw a line through) {item} (on | in) <w4e_shop>
t sc.w404 = [<xlead>] <w4e_mind> (ticking | checking | crossing) {item} off <w4e_shop> [?]
t sc.w405 = (i'm | we're) at the (shop | store | supermarket) and (i've | we've) got {item} , (tick | check) (it | that) off <w4e_shop>
t sc.w406 = <xpre> give {item} a (tick | check mark | checkmark) (on | in) <w4e_shop>
t sc.w407 = (dad | mum | mom | my wife | my husband | my partner) (bought | got | picked up) {item} (already | today | on the way home) , (tick | check | cross) it off <w4e_shop>
t sc.w408 = <xpre> (tick | check) off {item} <xpost>
t sc.w409 = <xpre> mark {item} (as bought | as purchased | bought | as got) <xpost>
t sc.w410 = [<xlead>] <w4e_ask> (tick | check | cross) off {item} (on | from) <w4e_shop> [?]
t sc.w411 = [<xlead>] {item} (has been | is) (bought | purchased | picked up) [, (tick | check) it off]
t sc.w412 = (shopping list update | update the shopping list) [:] (got | bought) {item}

intent HassVacuumReturnToBase
t vb.w401 = <xpre> (send | put) <det> {name:vacuum} (to bed | back to bed) <xpost>
t vb.w402 = <det> {name:vacuum} , (home | go home | back home | back to base) [now | please]
t vb.w403 = <xpre> ((put | get) <det> {name:vacuum} (on charge | back on charge | charging) | (recharge | charge up) <det> {name:vacuum})
t vb.w404 = <det> {name:vacuum} is (in the way | under my feet | getting in the way | bumping into everything | too noisy) , (send | get) it (home | back to <g4e_dock>)
t vb.w405 = <xpre> (tell <det> {name:vacuum} to | have <det> {name:vacuum}) (call it a day | pack it in) and (go home | dock | head back)
t vb.w406 = [<xlead>] <w4e_mind> (sending | bringing) <det> {name:vacuum} (home | back to <g4e_dock>) [?]
t vb.w407 = <xpre> (dock | send home | send back | park) the {area} (vacuum | robot | hoover | robot vacuum | vac)
t vb.w408 = the <w4e_vacn> <in_area> , (home | back to base | go home | dock) [please | now]
t vb.w409 = <xpre> (recall | bring back | call back) the <w4e_vacn> (from the {area} | <in_area>) [to <g4e_dock>]
t vb.w410 = (how about | what about) (sending | bringing) <det> {name:vacuum} (home | back to <g4e_dock>) [?]
t vb.w411 = <xpre> (steer | drive | direct) <det> {name:vacuum} (home | back to <g4e_dock> | to <g4e_dock>) <xpost>
t vb.w412 = <xpre> (stop | pause) <det> {name:vacuum} and (send | bring | take) it (home | back to <g4e_dock>)
t vb.w413 = <det> {name:vacuum} (go to | go back to) (your | the) (dock | base | charger | charging station) [now]

intent HassVacuumCleanArea
t vc.w401 = <xpre> (mop | mop and vacuum | vacuum and mop | spot clean) <det> {area} <xpost>
t vc.w402 = <xpre> (mop | mop and vacuum) (this room | in here | here | the floor in here)
t vc.w403 = <xpre> (send | bring) the (vacuum | robot | hoover | robot vacuum) (in here | to this room | over here) [to (clean | vacuum)]
t vc.w404 = <xpre> (get | suck | pick) up (the | all the) (crumbs | dirt | dust | fluff | cat hair) (in here | in this room | around me)
t vc.w405 = (the | my | our) {area} is (filthy | grubby | covered in crumbs | full of dog hair | a pigsty) , (can you | could you | please) (hoover | vacuum | clean) (it | it up | in there) [?]
t vc.w406 = [<xlead>] <w4e_mind> (vacuuming | hoovering | cleaning) <det> {area} [?]
t vc.w407 = <xpre> (get | ask | tell) <det> {name:vacuum} to (clean | vacuum | hoover | mop | do) the {area} <xpost>
t vc.w408 = <det> {name:vacuum} , the {area} (please | next | now)
t vc.w409 = <xpre> ((point | aim) <det> {name:vacuum} at | (let | set) <det> {name:vacuum} loose (in | on)) the {area}
t vc.w410 = <xpre> (vacuum | hoover | clean) <det> {area} (before (dinner | the guests arrive | we get home | bedtime) | while (i'm | we're) out)
t vc.w411 = (i | we | the kids) (spilled | dropped) (flour | rice | sugar | glitter | soil) (on the floor in | all over) the {area} , (send the <w4e_vacn> | vacuum it up | hoover it up)
t vc.w412 = [<xlead>] (could | can | would) the (vacuum | robot | hoover) (do | clean | vacuum | go over) the {area} [?]

intent HassLawnMowerStartMowing
t lm.w401 = <xpre> (send out | unleash | deploy | let out) the <g4e_mower> <xpost>
t lm.w402 = <xpre> (get | have) the (grass | lawn | yard) (cut | mowed | trimmed) [today | now | this afternoon]
t lm.w403 = (mowing time | time for a mow | time to cut the grass | let's get mowing) [!]
t lm.w404 = <xpre> (tell | ask) <det> {name:lawn_mower} to (start | start mowing | get mowing | cut the grass | do the lawn) <xpost>
t lm.w405 = <xpre> (press | hit) (start | go | the start button) on (<det> {name:lawn_mower} | the <g4e_mower>)
t lm.w406 = (the sun's out | it's a nice day | the weather's good | the grass is dry) , (mow the (lawn | grass) | get the <g4e_mower> going | start <det> {name:lawn_mower})
t lm.w407 = (the grass is | the lawn is | the lawn's) (knee high | way too long | overgrown | like a jungle | getting out of hand) , (mow it | get it cut | send the mower out)
t lm.w408 = [<xlead>] <w4e_mind> ((mowing | cutting) the (lawn | grass) | (starting | running) <det> {name:lawn_mower}) [?]
t lm.w409 = <xpre> (start | turn on | switch on | run) the (grass cutter | mowing robot | robot lawnmower | robot lawn mower) <xpost>
t lm.w410 = <xpre> (mow | cut | do) the (front lawn | back lawn | lawns | front grass) <xpost>

intent HassLawnMowerDock
t ld.w401 = <xpre> (send | get) the <g4e_mower> (back home | back to <g4e_dock> | in) <xpost>
t ld.w402 = (mower | lawn mower | robot mower) , (home | go home | back to base | come back) [now | please]
t ld.w403 = (it's about to rain | it's getting dark | it's going to rain | rain's coming | the kids are going outside) , (bring | get | call) (the <g4e_mower> | <det> {name:lawn_mower}) (in | home | back)
t ld.w404 = <xpre> (stop | halt) (the <g4e_mower> | <det> {name:lawn_mower}) and (send | bring | take) it (home | back | back to <g4e_dock>)
t ld.w405 = [<xlead>] <w4e_mind> (bringing | sending | calling) (<det> {name:lawn_mower} | the <g4e_mower>) (home | back | in) [?]
t ld.w406 = <xpre> (tell | ask) <det> {name:lawn_mower} to (call it a day | pack it in | wrap it up) and (go home | dock | head back)
t ld.w407 = <xpre> (steer | drive | direct) <det> {name:lawn_mower} (home | back to <g4e_dock> | to <g4e_dock>)
t ld.w408 = (enough mowing | that'll do for the lawn | the lawn looks done) [for today] , (bring | call | get) (it | the mower) (in | home | back)
t ld.w409 = <xpre> (put | get) (<det> {name:lawn_mower} | the <g4e_mower>) (on charge | back on charge | charging)
t ld.w410 = [<xlead>] <w4e_ask> (bring | call | send) (the <g4e_mower> | <det> {name:lawn_mower}) (home | back | in) [?]

intent HassNevermind
t nm.w401 = (forget i said anything | forget i asked | forget i spoke | pretend i didn't say anything) [!]
t nm.w402 = (on second thought | on second thoughts | second thoughts | actually) , (no | don't | never mind | leave it) [!]
t nm.w403 = (not now | maybe later | some other time | another time) [, thanks] [!]
t nm.w404 = (you know what | ugh | meh | eh) , (forget it | never mind | whatever | forget about it) [!]
t nm.w405 = (no no no | nope nope | no wait) , (forget it | scrap that | forget that | never mind)
t nm.w406 = (don't worry | it's fine | it's okay | it's alright) , (i've got it | i'll sort it | i'll handle it | i can do it myself) [!]
t nm.w407 = [sorry ,] (i forgot what i was going to say | i lost my train of thought | i've forgotten what i wanted) [, never mind]
t nm.w408 = (never you mind | nevermind then | forget it then | oh forget it | erm never mind | that's not necessary) [!]

intent HassRespond
t re.w401 = (thank you kindly | ta very much | thanks ever so much | thank you so very much | many many thanks) [!]
t re.w402 = (nice one | good stuff | sweet | excellent | lovely | legend | smashing | top notch) [!]
t re.w403 = (thanks | cheers | thank you) (buddy | mate | pal | my friend | love) [!]
t re.w404 = (hello hello | hey you | hi hi | howdy partner | evening all | morning all | hey there hub) [!]
t re.w405 = (okay cool | ok great | cool cool | great stuff | alright cool | cool beans) [, thanks] [!]
t re.w406 = (thanks , that's (great | better | much better | lovely) | that's much better , thank you | that's better) [!]
t re.w407 = (good night hub | night night | sleep well | nighty night | have a good one | take care) [!]
t re.w408 = (thanks a bunch | thanks a heap | thank you thank you | very good , thank you | thank you for help) [!]

intent none chat
t no.w401 = (what's | what is) (nine times seven | a hundred divided by four | fifteen percent of eighty | the square root of two) [?]
t no.w402 = how do you spell (rhythm | bureaucracy | definitely | mississippi) [?]
t no.w403 = (do you know any good | got any good | can you suggest some) (recipes for chicken | films for kids | names for a puppy | books for the holiday) [?]
t no.w404 = (how long do i | how long should i) (boil an egg | cook rice | roast a chicken | bake a potato) [for] [?]
t no.w405 = (call | ring | phone) (a plumber | a taxi | the doctor | my sister | the vet) [for me]
t no.w406 = (pay | check) (the electric bill | my bank balance | my credit card statement) [please]
t no.w407 = (are you smarter than | do you know | are you related to) (siri | alexa | google) [?]
t no.w408 = (knock knock | tell me something funny | make me laugh | say something silly | do you know any riddles)
t no.w409 = (you're useless | you never listen | you got it wrong again | why are you so slow | you're driving me mad)
t no.w410 = (why is grass green | why do we have leap years | where do rainbows come from | why is the sea salty) [?]
t no.w411 = (where's the nearest | is there a) (pharmacy | petrol station | cash machine | post office) (near here | nearby | open now) [?]
t no.w412 = (when does | what time does) the (supermarket | post office | library | chemist) (close | open) [today | on sunday] [?]
t no.w413 = (how do you say | what's the word for) (thank you | good morning | cheese) in (french | german | japanese | italian) [?]
t no.w414 = (i need a hug | i miss my mum | i can't sleep | i've got a headache | i had a bad dream | i burnt the toast)
t no.w415 = (what rhymes with | give me a word that rhymes with | what's a synonym for) (orange | purple | happy | house) [?]
t no.w416 = (who sang | who wrote | who directed) (yesterday | thriller | jaws | the godfather) [?]
t no.w417 = (book | make) (a dentist appointment | a haircut appointment | a table for four | a doctor's appointment) [for (tomorrow | next week | friday)]
t no.w418 = (what's the score in | who's winning) the (football | cricket | match | rugby) [?]
t no.w419 = (can you | could you) (fold the laundry | wash the dishes | make the bed | iron my shirt | tidy my room) [?]
t no.w420 = (the {any} is (so | really) (ugly | noisy | handy) | we should (replace | sell | paint) the {any} | (i | we) (love | hate) (the | our) {any})
