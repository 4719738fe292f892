# English rule sentences for `hub-train data --rules` (grammar: data/README.md; the line format in
# engine/intent_line.h; the answer in the rule contract). {action} is an ordinary template of a
# device intent, expanded in place ({action:HassTurnOn,HassTurnOff} narrows the intents).
# Rule slots: {at} {after} {before} times of day; {for} {offset:before|after} durations;
# {when:DOMAIN/CLASS,...} the trigger entity; {above} {below} numbers; {to=...} {sun=...}
# {days=...} closed words. Rule names start with r_ so that no rule of en.tpl gains alternatives
# (the held-out split takes every alternative of a shared rule).
# All phrasings written for hubd by its engineers.

intent HubCreateRule

rule r_when = when | whenever | if | once | as soon as | any time | each time
rule! r_when = every time | the moment | the minute
rule r_det = [the | my | our]
rule r_then = [,] [then | please | go ahead and]
rule r_days = every day {days=daily} | daily {days=daily} | each day {days=daily} | on weekdays {days=weekdays} | every weekday {days=weekdays} | on work days {days=weekdays} | on weekends {days=weekends} | on the weekend {days=weekends} | every weekend {days=weekends} | on (mondays | monday) {days=mon} | every monday {days=mon} | on (tuesdays | tuesday) {days=tue} | every tuesday {days=tue} | on (wednesdays | wednesday) {days=wed} | every wednesday {days=wed} | on (thursdays | thursday) {days=thu} | every thursday {days=thu} | on (fridays | friday) {days=fri} | every friday {days=fri} | on (saturdays | saturday) {days=sat} | every saturday {days=sat} | on (sundays | sunday) {days=sun} | every sunday {days=sun}
rule! r_days = each and every day {days=daily} | monday to friday {days=weekdays} | saturdays and sundays {days=weekends}
rule r_win = after {after} | before {before} | between {after} and {before} | from {after} (to | until) {before} | but only after {after} | but only before {before} | later than {after} | earlier than {before}
rule! r_win = anytime after {after} | any time before {before} | only between {after} and {before}
rule r_for = for {for} | for {for} only | for just {for} | for the next {for}
rule! r_for = for about {for} | during {for}

rule r_open = (opens | is opened | gets opened | is open | open | goes open) {to=open}
rule r_close = (closes | is closed | gets closed | is shut | shuts) {to=closed}
rule r_doors = {when:binary_sensor/door,binary_sensor/window,binary_sensor/opening,cover/garage,cover/window,cover/gate}
rule r_trig_state = <r_det> <r_doors> <r_open> | <r_det> <r_doors> <r_close>
rule r_trig_state = <r_det> {when:binary_sensor/motion,binary_sensor/occupancy} (detects motion | sees motion | sees someone | is triggered | goes off | turns on | picks up movement) {to=on}
rule r_trig_state = <r_det> {when:binary_sensor/motion,binary_sensor/occupancy} (clears | stops detecting motion | turns off | sees nobody) {to=off}
rule r_trig_state = <r_det> {when:binary_sensor/smoke,binary_sensor/moisture} (goes off | is triggered | detects something | turns on) {to=on}
rule r_trig_state = <r_det> {when:lock} (is unlocked | gets unlocked | unlocks) {to=unlocked} | <r_det> {when:lock} (is locked | gets locked | locks) {to=locked}
rule r_trig_state = {when:person} (gets home | comes home | arrives home | arrives | is home | gets back) {to=home} | {when:person} (leaves | leaves home | goes out | is away | leaves the house) {to=not_home}
rule r_trig_state = <r_det> {when:light,switch,fan,input_boolean} (is turned on | turns on | goes on | is switched on) {to=on} | <r_det> {when:light,switch,fan,input_boolean} (is turned off | turns off | goes off | is switched off) {to=off}
rule! r_trig_state = <r_det> <r_doors> (swings open | is left open | pops open) {to=open} | {when:person} (walks in the door | shows up at home) {to=home}
rule r_trig_num = <r_det> {when:sensor} (goes above | rises above | is above | exceeds | gets above | is over | goes over | is higher than | hits) {above} | <r_det> {when:sensor} (drops below | falls below | goes below | is below | is under | gets below | is lower than | dips under) {below}
rule! r_trig_num = <r_det> {when:sensor} (climbs past | creeps over) {above} | <r_det> {when:sensor} (sinks under | slips below) {below}
rule r_sunset = sunset | sundown | dusk | when the sun goes down | when it gets dark
rule r_sunrise = sunrise | dawn | sunup | when the sun comes up | when the sun rises
rule r_sun = at <r_sunset> {sun=sunset} | at <r_sunrise> {sun=sunrise} | {offset:before} before <r_sunset> {sun=sunset} | {offset:after} after <r_sunset> {sun=sunset} | {offset:before} before <r_sunrise> {sun=sunrise} | {offset:after} after <r_sunrise> {sun=sunrise}
rule! r_sun = as the sun sets {sun=sunset} | at first light {sun=sunrise} | {offset:before} ahead of <r_sunset> {sun=sunset}
rule r_make = (create | make | set up | add) (a rule | an automation | a routine) (to | that will) | (schedule | automate) it to | i want you to automatically | remember to

# time of day
t r.at.1 = [<r_days>] at {at} <r_then> {action}
t r.at.2 = {action} at {at} [<r_days>]
t r.at.3 = {action} <r_days> at {at}
t r.at.4 = <r_days> at {at} [,] {action}
t r.at.5 = <r_make> {action} at {at} [<r_days>]
t r.at.6 = {action:HassTurnOn,HassLightSet,HassSetPosition} at {at} [<r_days>] <r_for>
t r.at.7 = at {at} [<r_days>] [,] {action:HassTurnOn,HassLightSet,HassSetPosition} <r_for>
t! r.at.h1 = {action} (each morning at | daily at | sharp at) {at} {days=daily}
t! r.at.h2 = (come | from now on, at) {at} [<r_days>] [,] {action}

# state of an entity
t r.state.1 = <r_when> <r_trig_state> <r_then> {action}
t r.state.2 = <r_when> <r_trig_state> [<r_win>] <r_then> {action}
t r.state.3 = {action} <r_when> <r_trig_state> [<r_win>]
t r.state.4 = <r_when> <r_trig_state> [<r_days>] [<r_win>] <r_then> {action:HassTurnOn,HassSetPosition,HassLightSet} <r_for>
t r.state.5 = {action:HassTurnOn,HassLightSet} <r_for> <r_when> <r_trig_state> [<r_win>]
t r.state.6 = <r_make> {action} <r_when> <r_trig_state> [<r_days>]
t r.state.7 = <r_days> <r_when> <r_trig_state> [<r_win>] <r_then> {action}
t! r.state.h1 = {action} automatically (whenever | every time) <r_trig_state> [<r_win>]
t! r.state.h2 = the moment <r_trig_state> [<r_win>] i want you to {action:HassTurnOn,HassLightSet,HassSetPosition} [<r_for>]

# numeric state of a sensor
t r.num.1 = <r_when> <r_trig_num> <r_then> {action}
t r.num.2 = {action} <r_when> <r_trig_num> [<r_win>]
t r.num.3 = <r_make> {action} <r_when> <r_trig_num>
t r.num.4 = <r_when> <r_trig_num> [<r_days>] [<r_win>] <r_then> {action}
t! r.num.h1 = should <r_trig_num> [,] {action}

# sun
t r.sun.1 = <r_sun> [<r_days>] <r_then> {action}
t r.sun.2 = {action} <r_sun> [<r_days>]
t r.sun.3 = [<r_days>] <r_sun> [,] {action}
t r.sun.4 = <r_make> {action} <r_sun> [<r_days>]
t r.sun.5 = {action:HassTurnOn,HassSetPosition} <r_sun> [<r_days>] <r_for>
t! r.sun.h1 = once it is <r_sunset> {sun=sunset} [<r_days>] [,] {action}
t! r.sun.h2 = each day <r_sun> {days=daily} [,] {action}
