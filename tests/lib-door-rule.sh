# lib-door-rule.sh: the demo house's front-door rule ("when the front door opens after 10 pm,
# turn on the hallway light for 5 minutes"), checked as stored and as it runs. Shared by
# test-rule-sentence.sh (the engine's answer published as it is) and test-rule-sentence-model.sh
# (the sentence through the trained model), so both hold the rule to the same checks.
# Needs lib-hub-test.sh (ctl, sim, setclock, advance, wait_until, ok, bad) and $M; the hub's clock
# must stand at noon of a day, the hallway light be off and the door closed.

state() { ctl state "$1" | jq -r .state; }
# is ENTITY STATE [TENTHS]: the entity reaches STATE within TENTHS/10 s (default 5 s).
is() { wait_until "${3:-50}" sh -c "'$HUBCTL' --mqtt $M state $1 | jq -e '.state == \"$2\"'"; }

# door_rule_checks ID: rule ID is stored as the sentence says (door sensor "open" is state on,
# a window after 22:00, the light on, a 300 s delay, the light off), does nothing when the door
# opens at noon, turns the light on when it opens at 22:30 and off again 5 minutes later.
door_rule_checks() {
    ctl rules get "$1" | jq -e '.rule | .mode == "single" and
        .triggers == [{"trigger": "state", "entity_id": "binary_sensor.front_door", "to": "on"}] and
        .conditions == [{"condition": "time", "after": "22:00:00"}] and
        [.actions[] | .action // .delay] == ["light.turn_on", 300, "light.turn_off"] and
        ([.actions[] | .target.entity_id // empty] | unique) == ["light.hallway_light"]' >/dev/null &&
        ok "rule $1: door sensor 'open' is state on, window after 22:00, turn_on, delay 300, turn_off" ||
        bad "rule $1: $(ctl rules get "$1" | jq -c .rule)"
    sim '{"device": "Front Door", "value": true}'
    sleep 1
    [ "$(state light.hallway_light)" = off ] && ok "door opens at 12:00: outside the window, nothing" ||
        bad "door rule ran at noon: light $(state light.hallway_light)"
    sim '{"device": "Front Door", "value": false}'; sleep 0.5
    setclock "$(date -u -d "$(date -u -d "@$NOW" +%F) 22:30:00" +%s)"
    sim '{"device": "Front Door", "value": true}'
    is light.hallway_light on && ok "door opens at 22:30: Hallway Light on (through the plugin and hub-sim)" ||
        bad "door at 22:30: light $(state light.hallway_light)"
    advance 290
    [ "$(state light.hallway_light)" = on ] && ok "still on after 4:50" || bad "light went $(state light.hallway_light) early"
    advance 15
    is light.hallway_light off && ok "'for 5 minutes': Hallway Light off again after 5:05" ||
        bad "no undo: light $(state light.hallway_light); trace $(ctl rules trace "$1" 1 | jq -c .)"
    sim '{"device": "Front Door", "value": false}'
}
