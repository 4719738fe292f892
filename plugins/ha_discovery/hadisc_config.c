/*
 * hadisc_config.c: the configuration side of Home Assistant MQTT discovery for the
 * ha_discovery plugin: the abbreviation table (as Home Assistant's mqtt/abbreviations.py
 * defines it), "~" base-topic expansion, and the small subset of Jinja value templates that
 * discovery configs use in practice ({{ value }}, {{ value_json.a.b }}, {{ value_json['a'] }},
 * with | float, | int, | round(n), | lower, | upper, | string, | trim filters).
 */
#include "hadisc.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const hd_abbr[][2] = {
    {"act_t", "action_topic"},
    {"act_tpl", "action_template"},
    {"atype", "automation_type"},
    {"aux_cmd_t", "aux_command_topic"},
    {"aux_stat_tpl", "aux_state_template"},
    {"aux_stat_t", "aux_state_topic"},
    {"av_tones", "available_tones"},
    {"avty", "availability"},
    {"avty_mode", "availability_mode"},
    {"avty_t", "availability_topic"},
    {"avty_tpl", "availability_template"},
    {"away_mode_cmd_t", "away_mode_command_topic"},
    {"away_mode_stat_tpl", "away_mode_state_template"},
    {"away_mode_stat_t", "away_mode_state_topic"},
    {"b_tpl", "blue_template"},
    {"bri_cmd_t", "brightness_command_topic"},
    {"bri_cmd_tpl", "brightness_command_template"},
    {"bri_scl", "brightness_scale"},
    {"bri_stat_t", "brightness_state_topic"},
    {"bri_tpl", "brightness_template"},
    {"bri_val_tpl", "brightness_value_template"},
    {"clr_temp_cmd_tpl", "color_temp_command_template"},
    {"clr_temp_cmd_t", "color_temp_command_topic"},
    {"clr_temp_k", "color_temp_kelvin"},
    {"clr_temp_stat_t", "color_temp_state_topic"},
    {"clr_temp_tpl", "color_temp_template"},
    {"clr_temp_val_tpl", "color_temp_value_template"},
    {"clrm", "color_mode"},
    {"clrm_stat_t", "color_mode_state_topic"},
    {"clrm_val_tpl", "color_mode_value_template"},
    {"cmd_off_tpl", "command_off_template"},
    {"cmd_on_tpl", "command_on_template"},
    {"cmd_t", "command_topic"},
    {"cmd_tpl", "command_template"},
    {"cod_arm_req", "code_arm_required"},
    {"cod_dis_req", "code_disarm_required"},
    {"cod_form", "code_format"},
    {"cod_trig_req", "code_trigger_required"},
    {"curr_hum_t", "current_humidity_topic"},
    {"curr_hum_tpl", "current_humidity_template"},
    {"curr_temp_t", "current_temperature_topic"},
    {"curr_temp_tpl", "current_temperature_template"},
    {"dev", "device"},
    {"dev_cla", "device_class"},
    {"dir_cmd_t", "direction_command_topic"},
    {"dir_cmd_tpl", "direction_command_template"},
    {"dir_stat_t", "direction_state_topic"},
    {"dir_val_tpl", "direction_value_template"},
    {"dock_t", "docked_topic"},
    {"dock_tpl", "docked_template"},
    {"e", "encoding"},
    {"en", "enabled_by_default"},
    {"ent_cat", "entity_category"},
    {"ent_pic", "entity_picture"},
    {"evt_typ", "event_types"},
    {"exp_aft", "expire_after"},
    {"fan_mode_cmd_tpl", "fan_mode_command_template"},
    {"fan_mode_cmd_t", "fan_mode_command_topic"},
    {"fan_mode_stat_tpl", "fan_mode_state_template"},
    {"fan_mode_stat_t", "fan_mode_state_topic"},
    {"fanspd_lst", "fan_speed_list"},
    {"fan_spd_lst", "fan_speed_list"},
    {"flsh_tlng", "flash_time_long"},
    {"flsh_tsht", "flash_time_short"},
    {"frc_upd", "force_update"},
    {"fx_cmd_tpl", "effect_command_template"},
    {"fx_cmd_t", "effect_command_topic"},
    {"fx_list", "effect_list"},
    {"fx_stat_t", "effect_state_topic"},
    {"fx_tpl", "effect_template"},
    {"fx_val_tpl", "effect_value_template"},
    {"g_tpl", "green_template"},
    {"hs_cmd_t", "hs_command_topic"},
    {"hs_cmd_tpl", "hs_command_template"},
    {"hs_stat_t", "hs_state_topic"},
    {"hs_val_tpl", "hs_value_template"},
    {"ic", "icon"},
    {"init", "initial"},
    {"hum_cmd_t", "target_humidity_command_topic"},
    {"hum_cmd_tpl", "target_humidity_command_template"},
    {"hum_stat_t", "target_humidity_state_topic"},
    {"hum_stat_tpl", "target_humidity_state_template"},
    {"json_attr", "json_attributes"},
    {"json_attr_t", "json_attributes_topic"},
    {"json_attr_tpl", "json_attributes_template"},
    {"max_mirs", "max_mireds"},
    {"min_mirs", "min_mireds"},
    {"max_temp", "max_temp"},
    {"min_temp", "min_temp"},
    {"max_hum", "max_humidity"},
    {"min_hum", "min_humidity"},
    {"max_k", "max_kelvin"},
    {"min_k", "min_kelvin"},
    {"mode_cmd_tpl", "mode_command_template"},
    {"mode_cmd_t", "mode_command_topic"},
    {"mode_stat_tpl", "mode_state_template"},
    {"mode_stat_t", "mode_state_topic"},
    {"modes", "modes"},
    {"name", "name"},
    {"o", "origin"},
    {"obj_id", "object_id"},
    {"off_dly", "off_delay"},
    {"on_cmd_type", "on_command_type"},
    {"ops", "options"},
    {"opt", "optimistic"},
    {"osc_cmd_t", "oscillation_command_topic"},
    {"osc_cmd_tpl", "oscillation_command_template"},
    {"osc_stat_t", "oscillation_state_topic"},
    {"osc_val_tpl", "oscillation_value_template"},
    {"pct_cmd_t", "percentage_command_topic"},
    {"pct_cmd_tpl", "percentage_command_template"},
    {"pct_stat_t", "percentage_state_topic"},
    {"pct_val_tpl", "percentage_value_template"},
    {"pl", "payload"},
    {"pl_arm_away", "payload_arm_away"},
    {"pl_arm_home", "payload_arm_home"},
    {"pl_arm_nite", "payload_arm_night"},
    {"pl_arm_vacation", "payload_arm_vacation"},
    {"pl_arm_custom_b", "payload_arm_custom_bypass"},
    {"pl_avail", "payload_available"},
    {"pl_cln_sp", "payload_clean_spot"},
    {"pl_cls", "payload_close"},
    {"pl_disarm", "payload_disarm"},
    {"pl_dir_fwd", "payload_direction_forward"},
    {"pl_dir_rev", "payload_direction_reverse"},
    {"pl_home", "payload_home"},
    {"pl_inst", "payload_install"},
    {"pl_lock", "payload_lock"},
    {"pl_loc", "payload_locate"},
    {"pl_not_avail", "payload_not_available"},
    {"pl_not_home", "payload_not_home"},
    {"pl_off", "payload_off"},
    {"pl_on", "payload_on"},
    {"pl_open", "payload_open"},
    {"pl_osc_off", "payload_oscillation_off"},
    {"pl_osc_on", "payload_oscillation_on"},
    {"pl_paus", "payload_pause"},
    {"pl_prs", "payload_press"},
    {"pl_ret", "payload_return_to_base"},
    {"pl_rst", "payload_reset"},
    {"pl_rst_hum", "payload_reset_humidity"},
    {"pl_rst_mode", "payload_reset_mode"},
    {"pl_rst_pct", "payload_reset_percentage"},
    {"pl_rst_pr_mode", "payload_reset_preset_mode"},
    {"pl_stop", "payload_stop"},
    {"pl_stop_tilt", "payload_stop_tilt"},
    {"pl_strt", "payload_start"},
    {"pl_stpa", "payload_start_pause"},
    {"pl_toff", "payload_turn_off"},
    {"pl_ton", "payload_turn_on"},
    {"pl_trig", "payload_trigger"},
    {"pl_unlk", "payload_unlock"},
    {"pos", "reports_position"},
    {"pos_clsd", "position_closed"},
    {"pos_open", "position_open"},
    {"pos_t", "position_topic"},
    {"pos_tpl", "position_template"},
    {"pow_cmd_t", "power_command_topic"},
    {"pow_cmd_tpl", "power_command_template"},
    {"pr_mode_cmd_t", "preset_mode_command_topic"},
    {"pr_mode_cmd_tpl", "preset_mode_command_template"},
    {"pr_mode_stat_t", "preset_mode_state_topic"},
    {"pr_mode_val_tpl", "preset_mode_value_template"},
    {"pr_modes", "preset_modes"},
    {"ptrn", "pattern"},
    {"r_tpl", "red_template"},
    {"rel_s", "release_summary"},
    {"rel_u", "release_url"},
    {"ret", "retain"},
    {"rgb_cmd_tpl", "rgb_command_template"},
    {"rgb_cmd_t", "rgb_command_topic"},
    {"rgb_stat_t", "rgb_state_topic"},
    {"rgb_val_tpl", "rgb_value_template"},
    {"rgbw_cmd_tpl", "rgbw_command_template"},
    {"rgbw_cmd_t", "rgbw_command_topic"},
    {"rgbw_stat_t", "rgbw_state_topic"},
    {"rgbw_val_tpl", "rgbw_value_template"},
    {"rgbww_cmd_tpl", "rgbww_command_template"},
    {"rgbww_cmd_t", "rgbww_command_topic"},
    {"rgbww_stat_t", "rgbww_state_topic"},
    {"rgbww_val_tpl", "rgbww_value_template"},
    {"send_cmd_t", "send_command_topic"},
    {"send_if_off", "send_if_off"},
    {"set_fan_spd_t", "set_fan_speed_topic"},
    {"set_pos_tpl", "set_position_template"},
    {"set_pos_t", "set_position_topic"},
    {"spd_rng_min", "speed_range_min"},
    {"spd_rng_max", "speed_range_max"},
    {"src_type", "source_type"},
    {"stat_cla", "state_class"},
    {"stat_clsd", "state_closed"},
    {"stat_closing", "state_closing"},
    {"stat_jam", "state_jammed"},
    {"stat_locked", "state_locked"},
    {"stat_locking", "state_locking"},
    {"stat_off", "state_off"},
    {"stat_on", "state_on"},
    {"stat_open", "state_open"},
    {"stat_opening", "state_opening"},
    {"stat_stopped", "state_stopped"},
    {"stat_unlocked", "state_unlocked"},
    {"stat_unlocking", "state_unlocking"},
    {"stat_t", "state_topic"},
    {"stat_tpl", "state_template"},
    {"stat_val_tpl", "state_value_template"},
    {"step", "step"},
    {"stype", "subtype"},
    {"sug_dsp_prc", "suggested_display_precision"},
    {"sup_clrm", "supported_color_modes"},
    {"sup_dur", "support_duration"},
    {"sup_vol", "support_volume_set"},
    {"sup_feat", "supported_features"},
    {"sup_off", "supports_off"},
    {"swing_mode_cmd_tpl", "swing_mode_command_template"},
    {"swing_mode_cmd_t", "swing_mode_command_topic"},
    {"swing_mode_stat_tpl", "swing_mode_state_template"},
    {"swing_mode_stat_t", "swing_mode_state_topic"},
    {"temp_cmd_tpl", "temperature_command_template"},
    {"temp_cmd_t", "temperature_command_topic"},
    {"temp_hi_cmd_tpl", "temperature_high_command_template"},
    {"temp_hi_cmd_t", "temperature_high_command_topic"},
    {"temp_hi_stat_tpl", "temperature_high_state_template"},
    {"temp_hi_stat_t", "temperature_high_state_topic"},
    {"temp_lo_cmd_tpl", "temperature_low_command_template"},
    {"temp_lo_cmd_t", "temperature_low_command_topic"},
    {"temp_lo_stat_tpl", "temperature_low_state_template"},
    {"temp_lo_stat_t", "temperature_low_state_topic"},
    {"temp_stat_tpl", "temperature_state_template"},
    {"temp_stat_t", "temperature_state_topic"},
    {"temp_unit", "temperature_unit"},
    {"tilt_clsd_val", "tilt_closed_value"},
    {"tilt_cmd_t", "tilt_command_topic"},
    {"tilt_cmd_tpl", "tilt_command_template"},
    {"tilt_inv_stat", "tilt_invert_state"},
    {"tilt_max", "tilt_max"},
    {"tilt_min", "tilt_min"},
    {"tilt_opnd_val", "tilt_opened_value"},
    {"tilt_opt", "tilt_optimistic"},
    {"tilt_status_t", "tilt_status_topic"},
    {"tilt_status_tpl", "tilt_status_template"},
    {"t", "topic"},
    {"uniq_id", "unique_id"},
    {"unit_of_meas", "unit_of_measurement"},
    {"url_t", "url_topic"},
    {"url_tpl", "url_template"},
    {"val_tpl", "value_template"},
    {"whit_cmd_t", "white_command_topic"},
    {"whit_scl", "white_scale"},
    {"xy_cmd_t", "xy_command_topic"},
    {"xy_cmd_tpl", "xy_command_template"},
    {"xy_stat_t", "xy_state_topic"},
    {"xy_val_tpl", "xy_value_template"},
    {"l_ver_t", "latest_version_topic"},
    {"l_ver_tpl", "latest_version_template"},
    /* the hub-defined media_player schema (see the brief in plugins/ha_discovery) */
    {"vol_stat_t", "volume_state_topic"},
    {"vol_cmd_t", "volume_command_topic"},
};

static const char *const hd_dev_abbr[][2] = {
    {"cns", "connections"},
    {"ids", "identifiers"},
    {"name", "name"},
    {"mf", "manufacturer"},
    {"mdl", "model"},
    {"mdl_id", "model_id"},
    {"hw", "hw_version"},
    {"sw", "sw_version"},
    {"sa", "suggested_area"},
    {"sn", "serial_number"},
    {"cu", "configuration_url"},
    {"via_device", "via_device"},
};

static const char *hd_expand_key(const char *k, const char *const (*tab)[2], size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(k, tab[i][0]) == 0) return tab[i][1];
    return k;
}

/* A copy of obj with its keys expanded by tab; full keys win over abbreviations. */
static json_t *hd_expand_obj(const json_t *obj, const char *const (*tab)[2], size_t n)
{
    json_t *out = json_object();
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)obj, k, v)
    {
        const char *full = hd_expand_key(k, tab, n);
        if (strcmp(full, k) != 0 && json_object_get(obj, full)) continue;
        json_object_set(out, full, v);
    }
    return out;
}

/* "~" at the start or end of a *topic value stands for the base topic. */
static void hd_expand_tilde(json_t *obj, const char *base)
{
    const char *k;
    json_t *v;
    void *tmp;
    json_object_foreach_safe(obj, tmp, k, v)
    {
        const char *s = json_string_value(v);
        size_t kl = strlen(k), sl = s ? strlen(s) : 0;
        if (!s || !sl || kl < 5 || strcmp(k + kl - 5, "topic") != 0) continue;
        char *r = NULL;
        if (s[0] == '~') {
            size_t n = strlen(base) + sl;
            if ((r = malloc(n))) snprintf(r, n, "%s%s", base, s + 1);
        } else if (s[sl - 1] == '~') {
            size_t n = strlen(base) + sl;
            if ((r = malloc(n))) snprintf(r, n, "%.*s%s", (int)(sl - 1), s, base);
        }
        if (r) {
            json_object_set_new(obj, k, json_string(r));
            free(r);
        }
    }
}

json_t *hd_expand_config(const json_t *raw)
{
    json_t *cfg = hd_expand_obj(raw, hd_abbr, sizeof hd_abbr / sizeof hd_abbr[0]);
    json_t *dev = json_object_get(cfg, "device");
    if (json_is_object(dev))
        json_object_set_new(
            cfg, "device",
            hd_expand_obj(dev, hd_dev_abbr, sizeof hd_dev_abbr / sizeof hd_dev_abbr[0]));
    json_t *avty = json_object_get(cfg, "availability");
    if (json_is_array(avty)) {
        json_t *list = json_array();
        size_t i;
        json_t *a;
        json_array_foreach(avty, i, a)
        {
            if (json_is_object(a))
                json_array_append_new(
                    list, hd_expand_obj(a, hd_abbr, sizeof hd_abbr / sizeof hd_abbr[0]));
        }
        json_object_set_new(cfg, "availability", list);
    }
    const char *base = plug_json_str(cfg, "~");
    if (base) {
        hd_expand_tilde(cfg, base);
        size_t i;
        json_t *a;
        json_array_foreach(json_object_get(cfg, "availability"), i, a) hd_expand_tilde(a, base);
    }
    return cfg;
}

/* ---- value templates ---- */

static const char *hd_skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

bool hd_template_supported(const char *tpl)
{
    char *out = NULL;
    /* evaluating against an empty object tells a parse error from a missing key */
    json_t *empty = json_object();
    int rc = hd_template_eval(tpl, "{}", empty, &out);
    json_decref(empty);
    free(out);
    return rc != HD_TPL_UNSUPPORTED;
}

/* Evaluate tpl against a payload (text, and json when it parsed). *out: malloc'd result. */
int hd_template_eval(const char *tpl, const char *text, const json_t *json, char **out)
{
    *out = NULL;
    if (!tpl) {
        *out = strdup(text);
        return *out ? HD_TPL_OK : HD_TPL_MISSING;
    }
    const char *p = hd_skip_ws(tpl);
    if (strncmp(p, "{{", 2) != 0) return HD_TPL_UNSUPPORTED;
    p = hd_skip_ws(p + 2);
    json_t *cur = NULL;
    bool is_text = false;
    if (strncmp(p, "value_json", 10) == 0) {
        p += 10;
        cur = (json_t *)json;
        while (*p == '.' || *p == '[') {
            char key[128];
            size_t n = 0;
            if (*p == '.') {
                p++;
                while ((isalnum((unsigned char)*p) || *p == '_') && n + 1 < sizeof key)
                    key[n++] = *p++;
                if (n == 0) return HD_TPL_UNSUPPORTED;
                key[n] = 0;
                cur = json_is_object(cur) ? json_object_get(cur, key) : NULL;
            } else {
                p = hd_skip_ws(p + 1);
                if (*p == '\'' || *p == '"') {
                    char q = *p++;
                    while (*p && *p != q && n + 1 < sizeof key)
                        key[n++] = *p++;
                    if (*p != q) return HD_TPL_UNSUPPORTED;
                    p++;
                    key[n] = 0;
                    cur = json_is_object(cur) ? json_object_get(cur, key) : NULL;
                } else if (isdigit((unsigned char)*p)) {
                    long idx = strtol(p, (char **)&p, 10);
                    cur = json_is_array(cur) ? json_array_get(cur, (size_t)idx) : NULL;
                } else {
                    return HD_TPL_UNSUPPORTED;
                }
                p = hd_skip_ws(p);
                if (*p != ']') return HD_TPL_UNSUPPORTED;
                p++;
            }
        }
    } else if (strncmp(p, "value", 5) == 0 && !(isalnum((unsigned char)p[5]) || p[5] == '_')) {
        p += 5;
        is_text = true;
    } else {
        return HD_TPL_UNSUPPORTED;
    }
    /* the value as text */
    char *val;
    if (is_text)
        val = strdup(text);
    else if (!cur || json_is_null(cur))
        val = NULL;
    else if (json_is_string(cur))
        val = strdup(json_string_value(cur));
    else if (json_is_true(cur))
        val = strdup("True"); /* Jinja prints Python booleans */
    else if (json_is_false(cur))
        val = strdup("False");
    else
        val = plug_json_dump(cur);
    /* filters */
    p = hd_skip_ws(p);
    while (*p == '|') {
        p = hd_skip_ws(p + 1);
        char name[16];
        size_t n = 0;
        while (isalpha((unsigned char)*p) && n + 1 < sizeof name)
            name[n++] = *p++;
        name[n] = 0;
        int arg = -1;
        p = hd_skip_ws(p);
        if (*p == '(') {
            p = hd_skip_ws(p + 1);
            if (isdigit((unsigned char)*p)) arg = (int)strtol(p, (char **)&p, 10);
            p = hd_skip_ws(p);
            if (*p != ')') {
                free(val);
                return HD_TPL_UNSUPPORTED;
            }
            p = hd_skip_ws(p + 1);
        }
        if (!val) continue;
        if (strcmp(name, "float") == 0 || strcmp(name, "int") == 0 || strcmp(name, "round") == 0) {
            char *end;
            double d = strtod(val, &end);
            if (end == val || *end || !isfinite(d)) { /* Home Assistant's float/int refuse junk */
                free(val);
                return HD_TPL_BAD;
            }
            char buf[64];
            if (name[0] == 'i')
                snprintf(buf, sizeof buf, "%lld", (long long)d);
            else if (name[0] == 'r') {
                double m = pow(10, arg < 0 ? 0 : arg > 10 ? 10 : arg);
                snprintf(buf, sizeof buf, "%.10g", round(d * m) / m);
            } else
                snprintf(buf, sizeof buf, "%.10g", d);
            free(val);
            val = strdup(buf);
        } else if (strcmp(name, "lower") == 0 || strcmp(name, "upper") == 0) {
            for (char *c = val; *c; c++)
                *c = (char)(name[0] == 'l' ? tolower((unsigned char)*c)
                                           : toupper((unsigned char)*c));
        } else if (strcmp(name, "string") == 0 || strcmp(name, "trim") == 0) {
            /* already text; trim keeps it simple */
        } else {
            free(val);
            return HD_TPL_UNSUPPORTED;
        }
    }
    if (strncmp(p, "}}", 2) != 0 || *hd_skip_ws(p + 2)) {
        free(val);
        return HD_TPL_UNSUPPORTED;
    }
    if (!val) return HD_TPL_MISSING;
    *out = val;
    return HD_TPL_OK;
}

/* Command templates: the text with each {{ NAME }} (optionally | int / | float / | string)
 * replaced, NAME being "value" or one of vars (name, value pairs, NULL-terminated: red, green,
 * blue for rgb_command_template as Home Assistant passes them). Any other expression, or a
 * {% statement %}, makes the template unsupported: NULL. */
char *hd_command_render(const char *tpl, const char *value, const char *const *vars)
{
    if (!tpl) return strdup(value);
    if (strstr(tpl, "{%")) return NULL;
    size_t n = 0;
    char *out = NULL;
    for (int pass = 0; pass < 2; pass++) {
        n = 0;
        for (const char *p = tpl; *p;) {
            if (p[0] == '{' && p[1] == '{') {
                const char *q = hd_skip_ws(p + 2), *name = q;
                while (isalnum((unsigned char)*q) || *q == '_')
                    q++;
                size_t nl = (size_t)(q - name);
                const char *val = NULL;
                if (nl == 5 && strncmp(name, "value", 5) == 0) val = value;
                for (const char *const *v = vars; !val && v && v[0]; v += 2)
                    if (strlen(v[0]) == nl && strncmp(name, v[0], nl) == 0) val = v[1];
                q = hd_skip_ws(q);
                if (*q == '|') { /* int, float, string: the value is already that text */
                    q = hd_skip_ws(q + 1);
                    const char *f = q;
                    while (isalpha((unsigned char)*q))
                        q++;
                    if (!((q - f == 3 && strncmp(f, "int", 3) == 0) ||
                          (q - f == 5 && strncmp(f, "float", 5) == 0) ||
                          (q - f == 6 && strncmp(f, "string", 6) == 0)))
                        val = NULL;
                    q = hd_skip_ws(q);
                }
                if (!val || q[0] != '}' || q[1] != '}') {
                    free(out);
                    return NULL;
                }
                size_t vl = strlen(val);
                if (out) memcpy(out + n, val, vl);
                n += vl;
                p = q + 2;
                continue;
            }
            if (out) out[n] = *p;
            n++;
            p++;
        }
        if (pass == 0 && !(out = malloc(n + 1))) return NULL;
    }
    out[n] = 0;
    return out;
}
