/*
 * resolve_said.c: the steps of resolve_line (see resolve.h) where the words the speaker said
 * decide over the model's line, apart from names and places (resolve_ground.c): the list meant
 * and what is asked of it, a timer's room and its duration made whole, lights nobody spoke of,
 * mute against on/off, the colour said and the way a lock turns.
 */
#define _GNU_SOURCE /* strcasestr */
#include "engine/resolve_impl.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/numbers.h"
#include "engine/zh_words.h"
#include "hub_status.h"

/* ---- words said ---- */

/* Does the utterance hold one of the words (ASCII ones whole, case-insensitive)? */
bool says_any(const char *utt, const char *const *words)
{
    for (int i = 0; words[i]; i++) {
        size_t wl = strlen(words[i]);
        bool ascii = (unsigned char)words[i][0] < 0x80;
        for (const char *p = utt; (p = ascii ? strcasestr(p, words[i]) : strstr(p, words[i]));
             p += wl)
            if (!ascii || ((p == utt || !isalnum((unsigned char)p[-1])) &&
                           !isalnum((unsigned char)p[wl])))
                return true;
    }
    return false;
}

/* Every occurrence of s in buf (ASCII case ignored) turned to blanks. */
static void blank_all(char *buf, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    for (char *p = buf; n && (p = strcasestr(p, s)); p += n) memset(p, ' ', n);
}

/* The marks that end a Chinese phrase. */
static const char *const zh_marks[] = {"，", "。", "！", "？", "、", NULL};

#define UTT_WORDS 40 /* words of an utterance utt_words reads */

/* The utterance's English words: their offsets and lengths, and whether punctuation (ASCII or
 * a Chinese mark) ends the phrase after each. Returns how many (at most UTT_WORDS). */
static int utt_words(const char *utt, int *at, int *len, bool *stop)
{
    int n = 0;
    for (const char *p = utt; *p && n < UTT_WORDS;) {
        if (isalnum((unsigned char)*p) || *p == '\'') {
            const char *b = p;
            while (isalnum((unsigned char)*p) || *p == '\'' || *p == '-') p++;
            at[n] = (int)(b - utt), len[n] = (int)(p - b), stop[n++] = false;
        } else {
            bool mark = strchr(",.!?;:", *p) != NULL;
            for (int m = 0; zh_marks[m] && !mark; m++) mark = starts(p, zh_marks[m]);
            if (n && mark) stop[n - 1] = true;
            p++;
        }
    }
    return n;
}

/* Where span is said in the utterance (ASCII case aside) at or after byte from: its offset, or
 * -1. */
static long utt_find(const char *utt, const char *span, size_t from)
{
    size_t n = strlen(span), ul = strlen(utt);
    for (size_t i = from; n && i + n <= ul; i++)
        if (!strncasecmp(utt + i, span, n)) return (long)i;
    return -1;
}

/* The n bytes at from, without the spaces around them, into out (cap bytes): a slot value never
 * starts or ends with a space. */
static void span_copy(char *out, size_t cap, const char *from, size_t n)
{
    while (n && *from == ' ') from++, n--;
    while (n && from[n - 1] == ' ') n--;
    snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), from);
}

/* ---- lists ---- */

const char *const resolve_shopping_list_words[] = {
    "shopping list", "shopping", "grocery list", "购物", "购物清单", "购物单", "采购清单", NULL,
};

/* Is the entity a list (the todo domain)? */
static bool is_list(const struct resolve_item *e)
{
    return e->domain && !strcmp(e->domain, "todo");
}

/* Is the entity the shopping list (a todo whose name or alias is one of its words)? */
static bool is_shopping_list(const struct resolve_item *e)
{
    char key[128];
    if (!is_list(e)) return false;
    for (int w = 0; resolve_shopping_list_words[w]; w++) {
        resolve_key(resolve_shopping_list_words[w], key, sizeof key);
        for (int k = 0; k < e->n_keys; k++)
            if (!strcmp(e->keys[k], key)) return true;
    }
    return false;
}

/* The list said at the end of the item span ("把垃圾袋在药店清单上标成已完成" copied as
 * item=垃圾袋在药店): the longest end of the item that is the name of one of the eligible lists,
 * with a word before it that links it (在, 到, on, to). The line of list_intent is written with
 * the item before that word. */
static bool list_in_item(const struct resolve_registry *r, const bool *eligible, const char *item,
                         const char *list_intent, struct intent_line *out)
{
    static const char *const links[] = {"在", "到", "上", "里", " on the", " to the", " in the",
                                        " on", " to", " in", " onto", NULL};
    char key[INTENT_LINE_MAX];
    size_t n = strlen(item);
    for (size_t k = 1; k < n; k++) {
        if (((unsigned char)item[k] & 0xC0) == 0x80) continue; /* inside a character */
        resolve_key(item + k, key, sizeof key);
        int pick = -1;
        for (int i = 0; i < r->n_ent && key[0]; i++)
            for (int j = 0; eligible[i] && j < r->ent[i].n_keys; j++)
                if (!strcmp(r->ent[i].keys[j], key)) {
                    if (pick >= 0 && pick != i) return false; /* two lists of one name */
                    pick = i;
                }
        if (pick < 0) continue;
        char before[INTENT_LINE_MAX];
        snprintf(before, sizeof before, "%.*s", (int)k, item);
        size_t bl = strlen(before);
        while (bl && before[bl - 1] == ' ') before[--bl] = 0;
        bool linked = false;
        for (int w = 0; links[w] && !linked; w++) {
            size_t wl = strlen(links[w]);
            if (bl > wl && !strcasecmp(before + bl - wl, links[w])) {
                before[bl -= wl] = 0;
                linked = true;
            }
        }
        while (bl && before[bl - 1] == ' ') before[--bl] = 0;
        if (!linked || !bl) return false;
        memset(out, 0, sizeof *out);
        snprintf(out->intent, sizeof out->intent, "%s", list_intent);
        return intent_line_add(out, "item", before) == HUB_OK &&
               intent_line_add(out, "name", r->ent[pick].name) == HUB_OK;
    }
    return false;
}

/* The shopping list's intents with another list of the house said: "note oat milk on the
 * costco list", 把牙膏记到药店上 decoded as HassShoppingListAddItem. The list said is meant
 * (HassListAddItem / HassListCompleteItem with its name), when it is not the shopping list itself
 * and the item is not its name; said inside the item span, see list_in_item. */
bool list_named_line(const struct resolve_registry *r, const struct intent_line *l,
                     const char *utterance, struct intent_line *out)
{
    static const char *const to_list[][2] = {
        {"HassShoppingListAddItem", "HassListAddItem"},
        {"HassShoppingListCompleteItem", "HassListCompleteItem"},
    };
    const char *list_intent = NULL, *item = intent_line_get(l, "item");
    for (size_t i = 0; i < sizeof to_list / sizeof to_list[0]; i++)
        if (!strcmp(l->intent, to_list[i][0])) list_intent = to_list[i][1];
    if (!list_intent || !item || !utterance || !r->n_ent) return false;
    struct ground_units *u = malloc(sizeof *u);
    bool *blocked = calloc(GROUND_UNITS, sizeof *blocked);
    bool *eligible = calloc((size_t)r->n_ent, sizeof *eligible);
    bool *cand = calloc((size_t)r->n_ent, sizeof *cand);
    bool done = false;
    int ms, me, pick = -1;
    if (!u || !blocked || !eligible || !cand) goto out;
    ground_units_of(utterance, u);
    units_block_text(u, l, blocked);
    for (int i = 0; i < r->n_ent; i++)
        eligible[i] = is_list(&r->ent[i]) && !is_shopping_list(&r->ent[i]);
    if (!ground_mention(r, u, blocked, eligible, cand, &ms, &me)) {
        done = list_in_item(r, eligible, item, list_intent, out);
        goto out;
    }
    for (int i = 0; i < r->n_ent; i++)
        if (cand[i]) {
            if (pick >= 0) goto out; /* two lists of one name */
            pick = i;
        }
    if (pick < 0) goto out;
    char item_key[INTENT_LINE_MAX], list_key[INTENT_LINE_MAX];
    resolve_key(item, item_key, sizeof item_key);
    resolve_key(r->ent[pick].name, list_key, sizeof list_key);
    if (strcmp(item_key, list_key)) { /* the list's name copied as the item: no telling */
        memset(out, 0, sizeof *out);
        snprintf(out->intent, sizeof out->intent, "%s", list_intent);
        done = intent_line_add(out, "item", item) == HUB_OK &&
               intent_line_add(out, "name", r->ent[pick].name) == HUB_OK;
    }
out:
    free(u);
    free(blocked);
    free(eligible);
    free(cand);
    return done;
}

/* What the speaker asks of a list, by the verbs outside the item: the model reads the item's
 * own words as much as the verb ("add vacuum the stairs to my chores list" heard as a removal,
 * "..., remove it" after "on the list" heard as an addition). The verbs are the ones the
 * corpus teaches for each intent (data/templates). */
enum list_act { LIST_NONE = -1, LIST_ADD, LIST_COMPLETE, LIST_REMOVE };

static const char *const list_verbs[3][16] = {
    {"add", "put", "remember to buy", "forget to buy", "加到", "加入", "添加", "加上", "放进",
     "写进", "记到", "记上", "放到", "加个", NULL},
    {"check off", "cross off", "tick off", "mark off", "mark", "complete", "bought", "picked up",
     "勾掉", "划掉", "标记为完成", "打勾", "买好了", "已经买了", "买到了", NULL},
    {"remove", "delete", "get rid of", "drop", "删除", "删掉", "去掉", "移除", "拿掉", NULL},
};

/* An item that took the first characters of the Chinese list verb after it (猫砂记 of
 * "把猫砂记到药店清单上": 记到 is the verb): the item without them. */
bool item_verb_line(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    const char *item = intent_line_get(l, "item");
    const char *at = item && utt ? strstr(utt, item) : NULL;
    if (!at) return false;
    size_t il = strlen(item);
    const char *after = at + il;
    for (int a = 0; a < 3; a++)
        for (int v = 0; list_verbs[a][v]; v++) {
            const char *verb = list_verbs[a][v];
            if ((unsigned char)verb[0] < 0x80) continue;
            for (size_t k = 1; verb[k]; k++) {
                if (((unsigned char)verb[k] & 0xC0) == 0x80) continue; /* inside a character */
                if (k >= il || memcmp(item + il - k, verb, k) ||
                    strncmp(after, verb + k, strlen(verb + k)))
                    continue;
                *out = *l;
                for (int i = 0; i < out->n_slots; i++)
                    if (!strcmp(out->slots[i].name, "item"))
                        out->slots[i].value[il - k] = 0;
                return true;
            }
        }
    return false;
}

/* Whether the n bytes at w are one of the words (ASCII, any case). */
static bool word_in(const char *w, int n, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if ((int)strlen(words[i]) == n && !strncasecmp(w, words[i], (size_t)n)) return true;
    return false;
}

/* item_said_line for Chinese: the thing said after a verb that takes it (写一下花生酱) or
 * between 把 and a verb that takes the list (把花生酱记到), where the model's span lies wholly
 * before it (a filler, or the list: item=礼物 of 礼物清单上写一下花生酱). */
static bool item_said_zh(const struct intent_line *l, const char *item, const char *utt,
                         struct intent_line *out)
{
    static const char *const thing_after[] = {"写一下", "记一下", "加一下", "添一下", "加上",
                                              "添上", "写上", "记上", "添加", "加个", "记个",
                                              NULL};
    static const char *const list_after[] = {"加到", "记到", "放到", "写进", "放进", "加入",
                                             "写到", "添到", NULL};
    static const char *const ends[] = {"，", "。", "！", "？", "吧", "呀", "啊", "哦", "嘛", NULL};
    const char *from = NULL, *to = NULL;
    for (int v = 0; thing_after[v]; v++)
        for (const char *p = strstr(utt, thing_after[v]); p; p = strstr(p + 1, thing_after[v]))
            if (!from || p + strlen(thing_after[v]) > from) from = p + strlen(thing_after[v]);
    if (from) { /* to the end of the phrase */
        to = from;
        while (*to) {
            bool end = false;
            for (int i = 0; ends[i]; i++)
                end |= !strncmp(to, ends[i], strlen(ends[i]));
            if (end || strchr(",.!?", *to)) break;
            to++;
        }
    } else { /* 把 X <verb taking the list> */
        for (int v = 0; list_after[v] && !from; v++) {
            const char *verb = strstr(utt, list_after[v]);
            for (const char *p = utt; verb && (p = strstr(p, "把")) && p < verb; p++)
                from = p + strlen("把"), to = verb;
        }
    }
    const char *at = strstr(utt, item);
    if (!from || to <= from || !at || at + strlen(item) > from) return false;
    char said[INTENT_LINE_MAX];
    span_copy(said, sizeof said, from, (size_t)(to - from));
    return said[0] && line_with(l, "item", said, out);
}

/* An English item span that holds a verb of lists or of asking ("complete" of "complete
 * toothpaste on the shopping list", "be a dear and stick" of "... stick toothpaste on my
 * list"): the words said after the last such verb (and "down" / "off"), up to the word that
 * brings in the list (on, to, in, from, ...) or the end of the phrase. One that starts with a
 * verb of having bought ("got the milk, tick it off"): the words after it and its article.
 * Chinese: item_said_zh. */
static const char *const item_verbs[] = {
    "add", "put", "stick", "pop", "jot", "note", "write", "complete", "tick", "check", "cross",
    "mark", "remove", "delete", "drop", "scratch", "take", "please", "pretty", NULL};
static const char *const item_particles[] = {"down", "off", "up", NULL};
static const char *const item_articles[] = {"the", "some", "a", "an", NULL};
/* the words that bring in the list after an item */
static const char *const item_list_words[] = {"on", "to", "in", "onto", "into", "from", "off",
                                              "for", NULL};

bool item_said_line(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    const char *const *verbs = item_verbs, *const *particles = item_particles;
    const char *const *articles = item_articles, *const *list_words = item_list_words;
    static const char *const had[] = {"got", "bought", "picked", "grabbed", "purchased", NULL};
    const char *item = intent_line_get(l, "item");
    int at[UTT_WORDS], len[UTT_WORDS], iat[UTT_WORDS], ilen[UTT_WORDS];
    bool stop[UTT_WORDS], istop[UTT_WORDS], verb_in_item = false;
    if (!item || !utt) return false;
    if ((unsigned char)item[0] >= 0x80) return item_said_zh(l, item, utt, out);
    int in = utt_words(item, iat, ilen, istop), n = utt_words(utt, at, len, stop), v = -1;
    if (in > 1 && word_in(item + iat[0], ilen[0], had)) { /* "got the milk": the milk */
        int k = 1;
        if (k < in - 1 && word_in(item + iat[k], ilen[k], particles)) k++;
        if (k < in - 1 && word_in(item + iat[k], ilen[k], articles)) k++;
        return line_with(l, "item", item + iat[k], out);
    }
    for (int i = 0; i < in; i++)
        verb_in_item |= word_in(item + iat[i], ilen[i], verbs);
    if (!verb_in_item) return false;
    long item_at = utt_find(utt, item, 0);
    if (item_at < 0) return false;
    int s = 0, e = 0;
    for (v = n - 1; v >= 0; v--) { /* the last verb with words after it ("…, please" has none) */
        if (!word_in(utt + at[v], len[v], verbs) || stop[v]) continue;
        s = v + 1;
        while (s < n && !stop[s - 1] && word_in(utt + at[s], len[s], particles)) s++;
        e = s;
        while (e < n && (e == s || !stop[e - 1]) && !word_in(utt + at[e], len[e], list_words))
            e++;
        /* the model's span lies before the words found: it copied the asking, not the thing
         * ("take out the trash" as said in "put take out the trash on ..." stays) */
        if (e > s && at[s] >= item_at + (long)strlen(item)) break;
    }
    if (v < 0) return false;
    char said[INTENT_LINE_MAX];
    snprintf(said, sizeof said, "%.*s", at[e - 1] + len[e - 1] - at[s], utt + at[s]);
    return line_with(l, "item", said, out);
}

/* Words that end the naming of a list's item on either side: the asking, fillers, verbs of
 * lists, articles, the words that bring in the list and what says what the item is. */
static const char *const item_is[] = {"is", "are", "was", "isn't", "should", "shouldn't",
                                      "has", "have", "needs", "need", "doesn't", NULL};

static bool item_bound(const char *w, int n)
{
    static const char *const bounds[] = {
        "as", "and", "also", "i", "we", "you", "me", "my", "our", "it", "can", "could", "would",
        "will", "so", "ok", "okay", "just", "hey", "uh", "um", "er", "erm", "uhh", "hmm", "well",
        "right", "go", "ahead", "be", "dear", "favour", "favor", "do", "of", "want", "like",
        "list", "let's", NULL};
    return word_in(w, n, bounds) || word_in(w, n, item_is) || word_in(w, n, item_verbs) ||
           word_in(w, n, item_particles) || word_in(w, n, item_articles) ||
           word_in(w, n, item_list_words);
}

/* item_whole_line for Chinese: an item cut short of the characters that still name the thing
 * (数学 of 数学卷子做完了, 练字 of 添上练字半小时, 英语 of 把英语听写移除) runs on over them when
 * they end where the asking goes on: a verb of lists or of having done, a word that brings in
 * the list, a mark or the end; never over a word that says something else (牛奶家里没有了 keeps
 * 牛奶). An item that took the first character of such a verb (猫砂用 of 猫砂用完了, 牙膏快 of
 * 牙膏快用完了) gives it back, and one that ran on over the verb (卫生纸打个勾) ends before it. */
/* where the naming of a Chinese item ends for certain */
static const char *const zh_item_ends[] = {
    "做完", "完成", "搞定", "勾掉", "勾上", "划掉", "删掉", "删了", "删除", "移除", "去掉",
    "拿掉", "清掉", "不用", "不要", "不需要", "用完", "快用完", "快没", "没了", "买了", "买好",
    "已经", "打个勾", "打勾", "加到", "加进", "加入", "添到", "记到", "写到", "写进", "放到",
    "放进", "到", NULL};

/* Whether a Chinese item ends at q: the end, a mark, or an end word (zh_item_ends). */
static bool zh_item_stop(const char *q)
{
    if (!*q || strchr(",.!?;: ", *q)) return true;
    for (int m = 0; zh_marks[m]; m++)
        if (starts(q, zh_marks[m])) return true;
    for (int i = 0; zh_item_ends[i]; i++)
        if (starts(q, zh_item_ends[i])) return true;
    return false;
}

/* The length of the Chinese item at p: its characters up to where it stops (zh_item_stop). */
static size_t zh_item_len(const char *p)
{
    const char *q = p;
    for (int k; !zh_item_stop(q) && zh_is_han((const unsigned char *)q, (int)strlen(q), &k);)
        q += k;
    return (size_t)(q - p);
}

/* A Chinese item copied from the list's own name (朵朵 of 朵朵作业里的练字不用了, 常备药 of
 * 常备药里的碘伏不要了): the thing said after the name and 里的 / 上的 / 中的, up to the verb. */
bool item_after_list_zh(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const lists[] = {"HassListAddItem", "HassListCompleteItem",
                                        "HassListRemoveItem", NULL};
    static const char *const locators[] = {"里面的", "里的", "上的", "中的", NULL};
    const char *item = intent_line_get(l, "item");
    if (!utt || !item || (unsigned char)item[0] < 0x80 || !in_list(lists, l->intent))
        return false;
    const char *at = strstr(utt, item), *loc = NULL;
    size_t ll = 0;
    for (int i = 0; at && locators[i]; i++) {
        const char *p = strstr(at, locators[i]);
        if (p && (!loc || p < loc)) loc = p, ll = strlen(locators[i]);
    }
    if (!loc) return false;
    /* the item and what follows it up to the locator are one name (朵朵|作业), with no verb
     * of lists between (把牛奶加到购物清单里的 ... keeps 牛奶) */
    if (at + zh_item_len(at) < loc) return false;
    size_t n = zh_item_len(loc + ll);
    if (!n) return false;
    char said[INTENT_LINE_MAX];
    span_copy(said, sizeof said, loc + ll, n);
    return line_with(l, "item", said, out);
}

static bool item_whole_zh(const struct intent_line *l, const char *item, const char *utt,
                          struct intent_line *out)
{
    const char *const *ends = zh_item_ends;
    /* words that may end it or say something else: no run-on over or up to them */
    static const char *const unsure[] = {
        "了", "吧", "呢", "啊", "呀", "嘛", "哦", "的", "在", "里", "上", "中", "也", "都", "和",
        "跟", "还", "给", "帮", "请", "谢", "麻烦", "拜托", "好", "行", "可以", "一下", "清单",
        "列表", "标", "买", "为", "成", "弄", "搞", "做", "已", "被", "把", "将", "要", "想", "需",
        NULL};
    const char *at = strstr(utt, item);
    if (!at) return false;
    size_t n = strlen(item);
    const char *after = at + n;
    char said[INTENT_LINE_MAX];
    for (int i = 0; ends[i]; i++) { /* 卫生纸|打个勾: the item ran on over the verb */
        size_t k = strlen(ends[i]);
        if (k >= 6 && n > k && !strcmp(item + n - k, ends[i])) {
            span_copy(said, sizeof said, item, n - k);
            return line_with(l, "item", said, out);
        }
    }
    for (int i = 0; ends[i]; i++) { /* 猫砂用|完了: the item took the verb's first character */
        size_t k = strlen(ends[i]);
        for (size_t c = 3; c < k && c < n; c += 3)
            if (!strncmp(at + n - c, ends[i], c) && !strncmp(after, ends[i] + c, k - c)) {
                span_copy(said, sizeof said, at, n - c);
                return said[0] && line_with(l, "item", said, out);
            }
    }
    /* the characters that still name the thing must stop where the item does (not at a letter
     * or a digit), none of them a word that may say something else */
    size_t more = zh_item_len(after);
    if (!more || !zh_item_stop(after + more)) return false;
    for (const char *p = after; p < after + more;) {
        int k;
        for (int i = 0; unsure[i]; i++)
            if (starts(p, unsure[i])) return false;
        zh_is_han((const unsigned char *)p, (int)strlen(p), &k);
        p += k;
    }
    span_copy(said, sizeof said, at, n + more);
    return line_with(l, "item", said, out);
}

/* An English item span cut short inside the words that name the thing ("butter" of "peanut
 * butter is done, tick it off", "cat" of "note cat litter in books to read", "lids" of "add
 * canning lids", "muck" of "add muck out the stalls to farm chores"): the words before it back
 * to an item_bound word or the phrase's start, where the item is what the sentence speaks of
 * ("... is done") or a particle, an article or a verb of lists comes before them ("jot down
 * garbage bags"; a verb the hub does not know, as in "erase garbage bags", would be taken in);
 * and the words after it up to the word that brings in the list or "as" (done). */
bool item_whole_line(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    const char *item = intent_line_get(l, "item");
    int at[UTT_WORDS], len[UTT_WORDS];
    bool stop[UTT_WORDS];
    if (!item || !utt) return false;
    if ((unsigned char)item[0] >= 0x80) return item_whole_zh(l, item, utt, out);
    long item_at = utt_find(utt, item, 0);
    if (item_at < 0) return false;
    int n = utt_words(utt, at, len, stop), a = -1, b = -1;
    long item_end = item_at + (long)strlen(item);
    for (int i = 0; i < n; i++) {
        if (at[i] == item_at) a = i;
        if (at[i] + len[i] == item_end) b = i + 1;
    }
    if (a < 0 || b <= a) return false; /* not whole words */
    /* the list's name said before the item ("costco peanut butter is done") is no part of it */
    const char *list = intent_line_get(l, "name");
    long list_at = list ? utt_find(utt, list, 0) : -1;
    long list_end = list_at < 0 ? -1 : list_at + (long)strlen(list);
    int s = a, e = b;
    while (s > 0 && !stop[s - 1] && !item_bound(utt + at[s - 1], len[s - 1]) &&
           !(at[s - 1] >= list_at && at[s - 1] < list_end))
        s--;
    /* a verb of lists right before the words ("add canning lids"), not one of asking
     * ("pretty please erase garbage bags": erase is no verb the hub knows) */
    static const char *const asking[] = {"please", "pretty", NULL};
    bool subject = b < n && !stop[b - 1] && word_in(utt + at[b], len[b], item_is);
    bool led = s > 0 && !stop[s - 1] && (word_in(utt + at[s - 1], len[s - 1], item_particles) ||
                                         word_in(utt + at[s - 1], len[s - 1], item_articles) ||
                                         (word_in(utt + at[s - 1], len[s - 1], item_verbs) &&
                                          !word_in(utt + at[s - 1], len[s - 1], asking)));
    if (!subject && !led) s = a;
    /* forward across articles and "of" too ("muck" of "muck out the stalls to farm chores"),
     * but only up to a word that brings in the list or says it is done ("as done"): else the
     * words run on into another thing said */
    static const char *const inner[] = {"the", "a", "an", "of", NULL};
    while (e < n && !stop[e - 1] &&
           (!item_bound(utt + at[e], len[e]) || word_in(utt + at[e], len[e], inner)))
        e++;
    static const char *const done_as[] = {"as", NULL};
    if (e > b && (e >= n || stop[e - 1] || !(word_in(utt + at[e], len[e], item_list_words) ||
                                             word_in(utt + at[e], len[e], done_as))))
        e = b;
    while (e > b && word_in(utt + at[e - 1], len[e - 1], inner)) e--; /* "... the" */
    if (s == a && e == b) return false;
    char said[INTENT_LINE_MAX];
    snprintf(said, sizeof said, "%.*s", at[e - 1] + len[e - 1] - at[s], utt + at[s]);
    return line_with(l, "item", said, out);
}

/* An English item copied from the words of the list's own name ("costco" of "avocados
 * shouldn't be on my costco list, remove it", "books" of "peanut butter is done, tick it off the
 * books to read list"), where the sentence begins with the thing it speaks of: the words from
 * its start (fillers aside) to its first "is", "should", "shouldn't", ...; not a sentence that
 * begins by pointing ("there is", "this is"). */
bool item_leading_line(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    const char *item = intent_line_get(l, "item"), *list = intent_line_get(l, "name");
    int at[UTT_WORDS], len[UTT_WORDS];
    bool stop[UTT_WORDS];
    if (!item || !list || !utt || (unsigned char)item[0] >= 0x80) return false;
    long list_at = utt_find(utt, list, 0), item_at = utt_find(utt, item, 0);
    /* said only inside the list's name */
    if (list_at < 0 || item_at < list_at ||
        item_at + (long)strlen(item) > list_at + (long)strlen(list))
        return false;
    static const char *const pointers[] = {"there", "this", "that", "it", "here", NULL};
    int n = utt_words(utt, at, len, stop), s = 0, e;
    while (s < n && item_bound(utt + at[s], len[s]) && !word_in(utt + at[s], len[s], item_is))
        s++; /* fillers, across their commas ("ok, avocados ...") */
    if (s < n && word_in(utt + at[s], len[s], pointers)) return false; /* "there is no milk" */
    for (e = s; e < n && (e == s || !stop[e - 1]) && !item_bound(utt + at[e], len[e]); e++) {}
    if (e == s || e >= n || stop[e - 1] || !word_in(utt + at[e], len[e], item_is) ||
        at[e - 1] + len[e - 1] > list_at)
        return false;
    char said[INTENT_LINE_MAX];
    snprintf(said, sizeof said, "%.*s", at[e - 1] + len[e - 1] - at[s], utt + at[s]);
    return line_with(l, "item", said, out);
}

static enum list_act list_act_said(const char *utt, const char *item)
{
    const char *const(*verbs)[16] = list_verbs;
    char rest[INTENT_LINE_MAX];
    snprintf(rest, sizeof rest, "%s", utt);
    /* the item's own words say nothing of the act */
    char *at = item && *item ? strcasestr(rest, item) : NULL;
    if (at) memset(at, ' ', strlen(item));
    enum list_act act = LIST_NONE;
    for (int a = 0; a < 3; a++)
        if (says_any(rest, verbs[a])) {
            if (act != LIST_NONE) return LIST_NONE; /* two acts said: the model decides */
            act = (enum list_act)a;
        }
    return act;
}

bool list_verb_line(const struct resolve_registry *r, const struct intent_line *l,
                    const char *utt, struct intent_line *out)
{
    static const char *const intents[2][3] = {
        {"HassListAddItem", "HassListCompleteItem", "HassListRemoveItem"},
        {"HassShoppingListAddItem", "HassShoppingListCompleteItem", NULL},
    };
    if (!utt) return false;
    for (int f = 0; f < 2; f++)
        for (int a = 0; a < 3; a++) {
            if (!intents[f][a] || strcmp(l->intent, intents[f][a])) continue;
            const char *item = intent_line_get(l, "item");
            enum list_act said = list_act_said(utt, item);
            if (said == LIST_NONE || (int)said == a) return false;
            if (intents[f][said]) {
                *out = *l;
                snprintf(out->intent, sizeof out->intent, "%s", intents[f][said]);
                return true;
            }
            /* a removal from the shopping list: the to-do intent, on the hub's shopping list */
            for (int i = 0; i < r->n_ent; i++)
                if (is_shopping_list(&r->ent[i]) && item) {
                    memset(out, 0, sizeof *out);
                    snprintf(out->intent, sizeof out->intent, "%s", intents[0][said]);
                    return intent_line_add(out, "item", item) == HUB_OK &&
                           intent_line_add(out, "name", r->ent[i].name) == HUB_OK;
                }
            return false;
        }
    return false;
}

/* An item added to or ticked off the house's shopping list by its name ("I need dishwasher
 * tablets on the grocery list", the list's alias, decoded as HassListAddItem): the shopping
 * list's own intents, as for "add milk to the shopping list". Removing has only the list's. */
bool shopping_named_line(const struct resolve_registry *r, const struct intent_line *l,
                         struct intent_line *out)
{
    const char *to = !strcmp(l->intent, "HassListAddItem")        ? "HassShoppingListAddItem"
                     : !strcmp(l->intent, "HassListCompleteItem") ? "HassShoppingListCompleteItem"
                                                                  : NULL;
    const char *item = intent_line_get(l, "item");
    const struct resolve_item *e = line_entity(r, l);
    if (!to || !item || !e || !is_shopping_list(e)) return false;
    memset(out, 0, sizeof *out);
    snprintf(out->intent, sizeof out->intent, "%s", to);
    return intent_line_add(out, "item", item) == HUB_OK;
}

/* ---- timers: a name that is a room ---- */

/* A timer named after a room of the house: "abort the timer in the library" decoded as
 * name=library. Timers are found by their room as well as by their name, and a room's name is
 * the room (area=Library), where the intent has that combination. */
bool timer_area_line(const struct resolve_registry *r, const struct intent_def *d,
                     const struct intent_line *l, struct intent_line *out)
{
    const char *name = intent_line_get(l, "name");
    if (!d || !name || !strstr(l->intent, "Timer") || intent_line_get(l, "area")) return false;
    const char *area = resolve_area(r, name);
    int area_bit = intent_slot_index("area"), name_bit = intent_slot_index("name");
    if (!area || !intent_def_combo(d, (intent_line_mask(l) & ~(1u << name_bit)) | (1u << area_bit)))
        return false;
    if (!line_without(l, 1u << name_bit, out)) return false;
    return intent_line_add(out, "area", area) == HUB_OK;
}

/* ---- timers: the name said around the word timer ---- */

/* Whether the word can be part of a timer's name: no number, no word that only links it. */
static bool timer_name_word(const char *w, int n)
{
    static const char *const not_name[] = {
        "a", "an", "the", "my", "our", "to", "on", "off", "by", "of", "for", "from", "with", "and",
        "run", "again", "please", "now", "anymore", "any", "more", "shorter", "longer", "done",
        "finished", "is", "has", "was", "going", "keep", "continue", "hold", "timer", "timers",
        "other", "first", "last", "current", "running", "this", "that", "new", "it", "up",
        "down", "left", "remaining", "yet", "extra", "another", "minute", "minutes", "hour",
        "hours", "second", "seconds", "min", "mins", "sec", "secs", "hr", "hrs", "next",
        "whole", "full", "entire", "same", NULL};
    char word[32];
    double x;
    if (n <= 0 || n >= (int)sizeof word) return false;
    snprintf(word, sizeof word, "%.*s", n, w);
    for (int i = 0; not_name[i]; i++)
        if (!strcasecmp(word, not_name[i])) return false;
    for (int i = 0; word[i]; i++) /* "5m" */
        if (isdigit((unsigned char)word[i])) return false;
    return num_parse(word, &x) != HUB_OK;
}

/* Whether a Chinese character (three bytes) other than a phrase's mark lies right before p. */
static bool han_before(const char *utt, const char *p)
{
    size_t cj = strlen("中");
    if (p - utt < (long)cj || ((unsigned char)p[-(long)cj] & 0xF0) != 0xE0) return false;
    for (int i = 0; zh_marks[i]; i++)
        if (!strncmp(p - cj, zh_marks[i], cj)) return false;
    return true;
}

/* The name a Chinese utterance gives a timer: "给X设的" or "X那个" / "X的" before a word of
 * timers (给健身设的计时器, 从健身那个倒计时里, 撤销健身的计时器), X at most six characters
 * back and after the last word that links it to the sentence (从, 把, 撤销, 麻烦 ...), or at the
 * start of the utterance or a phrase. Written to said; false when there is none. */
static bool timer_name_zh(const char *utt, char *said, size_t cap)
{
    static const char *const timers[] = {"计时器", "定时器", "倒计时", NULL};
    static const char *const marks[] = {"那个", "的", NULL};
    static const char *const links[] = {"给", "从", "把", "让", "将", "对", "请", "撤销", "取消",
                                        "麻烦", "劳驾", "辛苦你", "帮我", "帮忙", "暂停", "继续",
                                        "恢复", "停止", "关掉", "能不能", "可以", "能否", "嗯",
                                        "呃", "唔", "额", "啊", NULL};
    const size_t cj = strlen("中"); /* bytes of a Chinese character */
    for (int t = 0; timers[t]; t++)
        for (const char *p = strstr(utt, timers[t]); p; p = strstr(p + 1, timers[t])) {
            const char *end = NULL, *from = NULL;
            size_t sl = strlen("设的");
            if (p - utt >= (long)sl && !strncmp(p - sl, "设的", sl)) end = p - sl; /* 给X设的 */
            for (int m = 0; marks[m] && !end; m++) {
                size_t ml = strlen(marks[m]);
                if (p - utt >= (long)ml && !strncmp(p - ml, marks[m], ml)) end = p - ml;
            }
            if (!end) continue;
            /* back to the start, a phrase's mark or six characters; then after the last link */
            const char *b = end;
            int c = 0;
            for (; c < 6 && han_before(utt, b); c++)
                b -= cj;
            if (b == end) continue;
            from = c == 6 && han_before(utt, b) ? NULL : b; /* no link in six: no name */
            for (const char *q = b; q < end; q += cj)
                for (int k = 0; links[k]; k++) {
                    size_t kl = strlen(links[k]);
                    if ((size_t)(end - q) >= kl && !strncmp(q, links[k], kl)) from = q + kl;
                }
            if (!from || end - from < (long)(2 * cj) || end - from > (long)(4 * cj)) continue;
            snprintf(said, cap, "%.*s", (int)(end - from), from);
            struct num_duration d;
            double x;
            if (num_parse_duration(said, &d) == HUB_OK || num_parse(said, &x) == HUB_OK) {
                said[0] = 0; /* a duration (五分钟的计时器) is no name */
                continue;
            }
            return true;
        }
    return false;
}

/* The earliest start, from `first` back to 16 bytes before at, of a duration said over the
 * stretch of utt at [at, at + len) (一刻钟 over 刻钟, "an hour and a half" over "half"); -1
 * for none. */
static long duration_start(const char *utt, long first, long at, size_t len)
{
    long best = -1;
    for (long s = first; s >= 0 && at - s <= 16; s--) {
        unsigned char c = (unsigned char)utt[s];
        if ((c & 0xC0) == 0x80) continue; /* inside a character */
        if (s > 0 && isalnum((unsigned char)utt[s - 1]) && isalnum(c)) continue; /* in a word */
        struct num_duration d;
        size_t want = (size_t)(at - s) + len;
        if (num_duration_extend(utt + s, want, &d) >= want) best = s;
    }
    return best;
}

/* A timer's name that is its length (把一刻钟那个定时器暂停: name=一刻钟) or a piece of the
 * length said (设一个一刻钟的倒计时: name=刻钟 beside minutes=15): a timer the speaker knows
 * by its length is that length's (start_*, or the duration of one being started), and a piece
 * of a length is no name. Only where the intent has the combination. */
bool timer_length_line(const struct intent_def *d, const struct intent_line *l, const char *utt,
                       struct intent_line *out)
{
    static const char *const units[2][3] = {{"hours", "minutes", "seconds"},
                                            {"start_hours", "start_minutes", "start_seconds"}};
    const char *name = intent_line_get(l, "name");
    if (!d || !utt || !name || !strstr(l->intent, "Timer")) return false;
    long at = utt_find(utt, name, 0);
    if (at < 0 || duration_start(utt, at, at, strlen(name)) < 0) return false;
    if (!line_without(l, 1u << intent_slot_index("name"), out)) return false;
    bool timed = false;
    for (int g = 0; g < 2; g++)
        for (int k = 0; k < 3; k++) timed = timed || intent_line_get(l, units[g][k]);
    struct num_duration len;
    if (!timed && num_parse_duration(name, &len) == HUB_OK) {
        const char *const *slot = units[strcmp(l->intent, "HassStartTimer") != 0];
        long v[3] = {len.hours, len.minutes, len.seconds};
        for (int k = 0; k < 3; k++) {
            char num[24];
            snprintf(num, sizeof num, "%ld", v[k]);
            if (v[k] > 0 && intent_line_add(out, slot[k], num) != HUB_OK) return false;
        }
    }
    return intent_def_combo(d, intent_line_mask(out));
}

/* The name a timer is called by, said around the word timer ("the workout timer", "the timer
 * called workout", "the timer i set for steak", "a three minute tea timer"), where the model's
 * name slot holds another stretch ("the", "to", "extra 3", "give me") or is missing: that name,
 * as said. A name said with an article ("for the workout") loses it. English, and Chinese
 * (timer_name_zh, not for starting a timer); a name that is a room stays (timer_area_line), and
 * no number or filler is a name ("a timer for 5 minutes", 额). Only where the intent has the
 * combination. */
bool timer_name_line(const struct resolve_registry *r, const struct intent_def *d,
                     const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const dets[] = {"the", "my", "our", "that", NULL};
    /* what may come before "X timer": an article or a duration ("a three minute tea timer") */
    static const char *const openers[] = {"the", "my", "our", "that", "second", "seconds",
                                          "minute", "minutes", "hour", "hours", NULL};
    static const char *const before[][4] = {{"called", NULL}, {"named", NULL}, {"for", NULL},
                                            {"i", "set", "for", NULL}, {"set", "for", NULL},
                                            {"that", "i", "set", "for"}, {"we", "set", "for", NULL}};
    static const char *const fillers[] = {"额", "嗯", "呃", "唔", "啊", "哎", "um", "uh", "uhh",
                                          "er", "erm", "hmm", NULL};
    if (!d || !utt || !strstr(l->intent, "Timer")) return false;
    const char *name = intent_line_get(l, "name");
    if (name && in_list(fillers, name)) /* a filler copied as the name (额，给我来个…的定时器) */
        return line_without(l, 1u << intent_slot_index("name"), out) &&
               intent_def_combo(d, intent_line_mask(out));
    char said[INTENT_LINE_MAX] = "";
    int at[UTT_WORDS], len[UTT_WORDS], from = -1, to = -1;
    bool stop[UTT_WORDS];
    int n = utt_words(utt, at, len, stop);
    for (int t = 0; t < n && from < 0; t++) {
        if (len[t] != 5 || strncasecmp(utt + at[t], "timer", 5)) continue;
        /* after it: "called X", "for X", "i set for X" */
        for (size_t b = 0; b < sizeof before / sizeof before[0] && from < 0; b++) {
            int k = 0;
            while (k < 4 && before[b][k] && t + 1 + k < n && !stop[t + k] &&
                   (int)strlen(before[b][k]) == len[t + 1 + k] &&
                   !strncasecmp(utt + at[t + 1 + k], before[b][k], (size_t)len[t + 1 + k]))
                k++;
            if (k < 4 && before[b][k]) continue;
            int s = t + 1 + k, e;
            /* "for the blueberry pie": the name without its article */
            if (s + 1 < n && !stop[s] && word_in(utt + at[s], len[s], dets)) s++;
            e = s;
            while (e < n && e - s < 3 && timer_name_word(utt + at[e], len[e]) &&
                   (e == s || !stop[e - 1]))
                e++;
            if (e > s) from = s, to = e;
        }
        /* before it: "the X timer" */
        for (int s = t - 1; from < 0 && s >= 0 && t - s <= 2 && !stop[s]; s--) {
            if (!timer_name_word(utt + at[s], len[s])) break;
            if (s > 0 && !stop[s - 1] && word_in(utt + at[s - 1], len[s - 1], openers))
                from = s, to = t;
        }
    }
    if (from >= 0) {
        snprintf(said, sizeof said, "%.*s", at[to - 1] + len[to - 1] - at[from], utt + at[from]);
    } else if (strcmp(l->intent, "HassStartTimer") && timer_name_zh(utt, said, sizeof said)) {
        /* said holds the Chinese name */
    } else if (name) { /* the article said before a name */
        for (int i = 0; dets[i] && !said[0]; i++) {
            size_t dl = strlen(dets[i]);
            if (!strncasecmp(name, dets[i], dl) && name[dl] == ' ' && name[dl + 1])
                snprintf(said, sizeof said, "%s", name + dl + 1);
        }
    }
    if (!said[0] || (name && !strcmp(name, said)) || resolve_area(r, said)) return false;
    const char *area = intent_line_get(l, "area");
    if (area && !strcasecmp(area, said)) return false;
    return line_without(l, 1u << intent_slot_index("name"), out) &&
           intent_line_add(out, "name", said) == HUB_OK &&
           intent_def_combo(d, intent_line_mask(out));
}

/* A timer started where the utterance adds time to one ("add two minutes to the pizza timer",
 * "put another minute on the timer"): a word of adding, then to / onto / on, then the word
 * timer, is HassIncreaseTimer with the same slots. English. */
bool timer_add_line(const struct intent_schema *schema, const struct intent_line *l,
                    const char *utt, struct intent_line *out)
{
    static const char *const adding[] = {"add", "another", "extra", "more", NULL};
    static const char *const onto[] = {"to", "onto", "on", NULL};
    int at[UTT_WORDS], len[UTT_WORDS], a = -1, p = -1, t = -1;
    bool stop[UTT_WORDS];
    if (!schema || !utt || strcmp(l->intent, "HassStartTimer")) return false;
    int n = utt_words(utt, at, len, stop);
    for (int i = 0; i < n && t < 0; i++) {
        if (a < 0 && word_in(utt + at[i], len[i], adding))
            a = i;
        else if (a >= 0 && p < 0 && word_in(utt + at[i], len[i], onto))
            p = i;
        else if (p >= 0 && len[i] == 5 && !strncasecmp(utt + at[i], "timer", 5))
            t = i;
    }
    const struct intent_def *inc = intent_schema_find(schema, "HassIncreaseTimer");
    if (t < 0 || !inc || !intent_def_combo(inc, intent_line_mask(l))) return false;
    *out = *l;
    snprintf(out->intent, sizeof out->intent, "%s", "HassIncreaseTimer");
    return true;
}

/* The longest duration said at p ("半小时", "2 hours", "an hour and a half"): its length in
 * bytes, with the duration in *d; 0 when none. English durations end on a word. */
static size_t duration_at(const char *p, struct num_duration *d)
{
    char buf[64];
    size_t best = 0, n = strlen(p);
    for (size_t k = 1; k <= n && k < sizeof buf; k++) {
        bool ascii_end = k < n && isalnum((unsigned char)p[k]) && isalnum((unsigned char)p[k - 1]);
        if (ascii_end || (k < n && ((unsigned char)p[k] & 0xC0) == 0x80)) continue;
        memcpy(buf, p, k);
        buf[k] = '\0';
        struct num_duration t;
        if (num_parse_duration(buf, &t) == HUB_OK) best = k, *d = t;
    }
    return best;
}

/* The start of p past any of words (and the blanks and commas after them), repeatedly. */
static const char *past_words(const char *p, const char *const *words)
{
    for (bool cut = true; cut;) {
        cut = false;
        for (int i = 0; words[i]; i++) {
            size_t wl = strlen(words[i]);
            bool ascii = (unsigned char)words[i][0] < 0x80;
            if (!(ascii ? strncasecmp(p, words[i], wl) : strncmp(p, words[i], wl)) &&
                (!ascii || !isalnum((unsigned char)p[wl]))) {
                p += wl, cut = true;
                while (*p == ' ' || *p == ',') p++;
                if (starts(p, "，")) p += strlen("，");
            }
        }
    }
    return p;
}

/* A command on a device said with the time to wait before it ("半小时后把电热毯关掉", "in 20
 * minutes turn off the coffee maker", "turn off the porch light in 2 hours"), heard as the
 * command itself or as a change to a timer: a timer of that duration that runs it (StartTimer with conversation_command,
 * INTENTS.md). The wait must open the request (after fillers, with 后/以后/之后/就 in Chinese,
 * "in"/"after" in English) or, in English, close it ("in 2 hours"). */
bool delayed_command_line(const struct intent_schema *schema, const struct intent_line *l,
                          const char *utt, struct intent_line *out)
{
    static const char *const commands[] = {
        "HassTurnOn", "HassTurnOff", "HassLightSet", "HassSetPosition",
        "HassClimateSetTemperature", "HassFanSetSpeed", "HassSetVolume", "HassMediaPause",
        "HassMediaUnpause", "HassMediaNext", "HassMediaPlayerMute", "HassMediaPlayerUnmute",
        "HassVacuumStart", "HassVacuumReturnToBase", "HassLawnMowerStartMowing",
        "HassLawnMowerDock", NULL};
    /* a wait heard as changing a timer ("过十五秒钟就关上按摩椅" as taking 15 s off) */
    static const char *const timer_changes[] = {"HassIncreaseTimer", "HassDecreaseTimer", NULL};
    static const char *const timer_words[] = {"timer", "计时", "定时", NULL};
    static const char *const fillers[] = {
        "please", "can you", "could you", "would you", "hey", "ok", "okay", "so", "um", "uh",
        "请", "麻烦你", "麻烦", "帮我", "帮忙", "拜托", "辛苦你", "那个", "嗯嗯", "嗯", "额", "唔",
        "呃", "你", NULL};
    static const char *const zh_wait[] = {"再过", "过", "等", NULL};
    static const char *const zh_then[] = {"以后", "之后", "后", "就", NULL};
    static const char *const zh_lead[] = {"就", "再", "帮我", "给我", NULL};
    static const char *const en_wait[] = {"in", "after", NULL};
    static const char *const tail[] = {"please", "thanks", "thank you", NULL};
    const struct intent_def *timer = schema ? intent_schema_find(schema, "HassStartTimer") : NULL;
    if (!utt || !timer || !(in_list(commands, l->intent) || in_list(timer_changes, l->intent)))
        return false;
    struct num_duration d = {0, 0, 0};
    const char *cmd = NULL;
    size_t cmd_len = 0;
    const char *p = past_words(utt, fillers), *w = past_words(p, zh_wait);
    size_t dl;
    if ((unsigned char)*p >= 0x80) {
        if (!(dl = duration_at(w, &d))) return false;
        const char *q = w + dl, *after = past_words(q, zh_then);
        if (after == q) return false; /* a duration with no 后 or 就: not a wait */
        cmd = past_words(after, zh_lead);
        cmd_len = strlen(cmd);
    } else {
        const char *in = past_words(p, en_wait);
        if (in != p && (dl = duration_at(in, &d))) { /* "in 20 minutes, turn off ..." */
            cmd = past_words(in + dl, (const char *const[]){"then", "and", NULL});
            cmd_len = strlen(cmd);
        } else { /* "... in 2 hours" */
            const char *last = NULL;
            for (const char *q = utt; (q = strcasestr(q, " in ")); q++) last = q;
            if (!last || last < p || !(dl = duration_at(last + 4, &d))) return false;
            const char *rest = past_words(last + 4 + dl, tail);
            while (*rest && strchr(" .!?,", *rest)) rest++;
            if (*rest) return false; /* words follow: not the end of the request */
            cmd = p;
            cmd_len = (size_t)(last - p);
        }
    }
    while (cmd_len && strchr(" .!?,", cmd[cmd_len - 1])) cmd_len--;
    static const char *const zh_end[] = {"。", "！", "？", "，", NULL};
    for (bool cut = true; cut;) {
        cut = false;
        for (int i = 0; zh_end[i]; i++) {
            size_t el = strlen(zh_end[i]);
            if (cmd_len >= el && !strncmp(cmd + cmd_len - el, zh_end[i], el)) cmd_len -= el, cut = true;
        }
    }
    if (!cmd_len || d.hours + d.minutes + d.seconds <= 0) return false;
    char c[INTENT_LINE_MAX];
    snprintf(c, sizeof c, "%.*s", (int)cmd_len, cmd);
    if (in_list(timer_changes, l->intent) && says_any(c, timer_words)) return false;
    memset(out, 0, sizeof *out);
    snprintf(out->intent, sizeof out->intent, "%s", "HassStartTimer");
    char v[32];
    const long parts[3] = {d.hours, d.minutes, d.seconds};
    static const char *const units[3] = {"hours", "minutes", "seconds"};
    for (int i = 0; i < 3; i++) {
        if (!parts[i]) continue;
        snprintf(v, sizeof v, "%ld", parts[i]);
        if (intent_line_add(out, units[i], v) != HUB_OK) return false;
    }
    return intent_line_add(out, "conversation_command", c) == HUB_OK &&
           intent_def_combo(timer, intent_line_mask(out));
}

/* A command to run when a timer ends, copied short of the end of its phrase ("turn the family
 * room" of "wait 51 seconds then turn the family room downlights off", 把琴房筒灯 of
 * "过两小时就把琴房筒灯打开"): the rest of the phrase, up to its punctuation, when that rest says
 * no number (a duration after the command is the timer's: "turn off the lights in 5 minutes"). */
bool command_end_line(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九",
                                           "十", "两", "百", "半", NULL};
    const char *cmd = intent_line_get(l, "conversation_command");
    if (!utt || !cmd || !cmd[0] || strcmp(l->intent, "HassStartTimer")) return false;
    const char *at = NULL;
    for (const char *p = utt; (p = strstr(p, cmd)); p++) at = p; /* the last copy */
    if (!at) return false;
    const char *rest = at + strlen(cmd), *end = rest;
    while (*end && !strchr(",.!?;", *end)) {
        bool stop = false;
        for (int i = 0; zh_marks[i]; i++)
            stop |= !strncmp(end, zh_marks[i], strlen(zh_marks[i]));
        if (stop) break;
        end++;
    }
    while (end > rest && end[-1] == ' ') end--;
    if (end == rest) return false;
    char tail[INTENT_LINE_MAX];
    snprintf(tail, sizeof tail, "%.*s", (int)(end - rest), rest);
    int at_w[UTT_WORDS], len_w[UTT_WORDS];
    bool stop_w[UTT_WORDS];
    int n = utt_words(tail, at_w, len_w, stop_w);
    for (int i = 0; i < n; i++) {
        char w[32];
        double x;
        snprintf(w, sizeof w, "%.*s", len_w[i], tail + at_w[i]);
        if (isdigit((unsigned char)w[0]) || num_parse(w, &x) == HUB_OK) return false;
    }
    for (int i = 0; numerals[i]; i++)
        if (strstr(tail, numerals[i])) return false;
    char whole[INTENT_LINE_MAX];
    snprintf(whole, sizeof whole, "%.*s", (int)(end - at), at);
    return line_with(l, "conversation_command", whole, out);
}

/* ---- durations: a timer's hours, minutes and seconds ---- */


/* Where the duration starts that a span beginning with a half is the end of ("一个" before
 * 半小时, copied alone from 一个半小时后提醒我; "one and" before "a half hours"): the earliest
 * offset at most 16 bytes back, on a character and word boundary, from which the words up to
 * the span's end read as one duration (num_duration_extend), or -1. */
static long half_start(const char *utt, long at, size_t len)
{
    const char *v = utt + at;
    if (!starts(v, "半") && strncasecmp(v, "half", 4) && strncasecmp(v, "a half", 6)) return -1;
    return duration_start(utt, at - 1, at, len);
}

/* The start slot of the unit word w of a duration ("hrs", "minute"), or NULL. */
static const char *start_slot_of_unit(const char *w, size_t n)
{
    static const char *const units[][2] = {
        {"hour", "start_hours"},     {"hours", "start_hours"},     {"hr", "start_hours"},
        {"hrs", "start_hours"},      {"minute", "start_minutes"},  {"minutes", "start_minutes"},
        {"min", "start_minutes"},    {"mins", "start_minutes"},    {"second", "start_seconds"},
        {"seconds", "start_seconds"}, {"sec", "start_seconds"},    {"secs", "start_seconds"}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strlen(units[i][0]) == n && !strncasecmp(w, units[i][0], n)) return units[i][1];
    return NULL;
}

/* The things done to a timer, in the order they are asked: undoing a pause before pausing
 * ("off hold" holds "hold"). */
static const char *const timer_verbs[] = {"HassUnpauseTimer", "HassPauseTimer",
                                          "HassCancelTimer", "HassTimerStatus"};

/* Which of timer_verbs the verbs said ask for (bit i for timer_verbs[i]). */
static unsigned timer_verbs_said(const char *utt)
{
    static const char *const unpause[] = {
        "resume", "unpause", "un-pause", "continue", "restart", "unfreeze", "run again",
        "going again", "running again", "ticking again", "tick again", "off hold", "off pause",
        "carry on", "keep going", "继续", "恢复", "接着", NULL};
    static const char *const pause[] = {"pause", "hold", "freeze", "suspend", "halt",
                                        "stop the clock", "暂停", NULL};
    static const char *const cancel[] = {
        "cancel", "stop", "delete", "remove", "kill", "get rid of", "abort", "scrap", "ditch",
        "axe", "nix", "scratch", "terminate", "unset", "dismiss", "call off", "shut off",
        "switch off", "turn off", "forget", "never mind", "don't need", "do not need",
        "no longer need", "no need", "取消", "删掉", "删除", "不要了", "停掉", "关掉", NULL};
    static const char *const status[] = {"how long", "how much", "left", "remaining", "status",
                                         "check", "还剩", "多久", "多长时间", "还有多少",
                                         NULL};
    static const char *const *const words[] = {unpause, pause, cancel, status};
    char rest[INTENT_LINE_MAX]; /* "hold on" is a filler, no pause */
    snprintf(rest, sizeof rest, "%s", utt);
    blank_all(rest, "hold on");
    unsigned said = 0;
    for (int k = 0; k < 4; k++)
        if (says_any(rest, words[k])) said |= 1u << k;
    if (said & 2u && strcasestr(rest, "stop the clock")) { /* a pause, not a stop */
        blank_all(rest, "stop the clock");
        if (!says_any(rest, cancel)) said &= ~4u;
    }
    return said;
}

/* What is done to a timer by the verbs said (the first of timer_verbs said), or NULL. */
static const char *timer_verb_intent(const char *utt)
{
    unsigned said = timer_verbs_said(utt);
    for (int k = 0; k < 4; k++)
        if (said & 1u << k) return timer_verbs[k];
    return NULL;
}

/* A timer paused, resumed, cancelled or asked after where the verbs said ask for one other thing
 * of those (计时器暂停一下 heard as its status, "check the 10 minute timer" as cancelling it):
 * that thing, the timer kept. Only one kind of verb said, and where the intent has the
 * combination. */
bool timer_verb_line(const struct intent_schema *schema, const struct intent_line *l,
                     const char *utt, struct intent_line *out)
{
    bool timer_verb = false;
    for (int k = 0; k < 4; k++) timer_verb = timer_verb || !strcmp(l->intent, timer_verbs[k]);
    if (!schema || !utt || !timer_verb) return false;
    unsigned said = timer_verbs_said(utt);
    if (!said || (said & (said - 1))) return false; /* none, or two kinds */
    const char *verb = timer_verb_intent(utt);
    if (!strcmp(verb, l->intent)) return false;
    *out = *l;
    snprintf(out->intent, sizeof out->intent, "%s", verb);
    return intent_def_combo(intent_schema_find(schema, verb), intent_line_mask(out));
}

/* The duration a timer was started with, said right after "timer of" / "timer for" ("make the
 * timer of six hours 10 seconds shorter", "lengthen the timer of fifteen seconds by 55 sec"),
 * where the model wrote it as the time to add or take off, or left it out: the duration slot
 * whose span starts there becomes its start_* slot, or the number and unit said there are added
 * as one. Only the first unit is the start (what follows it is the change). English; a timer
 * being started ("a timer for 5 minutes") is its duration. Only where the intent has the
 * combination; a time added or taken off with nothing left to add or take off ("get rid of the
 * timer of 7 min" heard as taking 7 minutes off) is what the verbs said do to that timer. */
bool timer_start_line(const struct intent_schema *schema, const struct intent_def *d,
                      const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const after[] = {"timer of ", "timer for ", NULL};
    static const char *const changes[] = {"hours", "minutes", "seconds"};
    if (!d || !utt || !strstr(l->intent, "Timer") || !strcmp(l->intent, "HassStartTimer"))
        return false;
    for (int i = 0; i < l->n_slots; i++)
        if (!strncmp(l->slots[i].name, "start_", 6)) return false;
    long at = -1;
    for (int i = 0; after[i] && at < 0; i++)
        if ((at = utt_find(utt, after[i], 0)) >= 0) at += (long)strlen(after[i]);
    if (at < 0) return false;
    /* the number and its unit: at most four words up to a unit word */
    const char *p = utt + at, *start = NULL;
    size_t len = 0;
    for (int w = 0; w < 5 && *p && !start; w++) {
        size_t n = strcspn(p, " ,.!?;");
        start = start_slot_of_unit(p, n);
        p += n;
        len = (size_t)(p - (utt + at));
        p += strspn(p, " ");
    }
    char span[INTENT_LINE_MAX];
    double x;
    if (!start || len >= sizeof span) return false;
    snprintf(span, sizeof span, "%.*s", (int)len, utt + at);
    if (num_parse_slot(start, span, &x) != HUB_OK || x <= 0) return false;
    uint32_t drop = 0;
    const char *value = span;
    for (int k = 0; k < 3; k++) { /* a change slot copied from there is the start */
        const char *v = intent_line_get(l, changes[k]);
        if (v && utt_find(utt, v, (size_t)at) == at) {
            drop = 1u << intent_slot_index(changes[k]);
            start = k == 0 ? "start_hours" : k == 1 ? "start_minutes" : "start_seconds";
            value = v;
        }
    }
    if (!line_without(l, drop, out) || intent_line_add(out, start, value) != HUB_OK)
        return false;
    if (intent_def_combo(d, intent_line_mask(out))) return true;
    /* another stretch of time said is the change the model took the wrong words for ("remove 5
     * minutes from the timer of 10 minutes"): no verb decides then */
    int wat[UTT_WORDS], wlen[UTT_WORDS];
    bool wstop[UTT_WORDS];
    int nw = utt_words(utt, wat, wlen, wstop);
    for (int i = 0; i < nw; i++)
        if ((wat[i] < at || wat[i] >= at + (long)len) &&
            start_slot_of_unit(utt + wat[i], (size_t)wlen[i]))
            return false;
    const char *verb = timer_verb_intent(utt);
    if (!verb || !drop ||
        (strcmp(l->intent, "HassIncreaseTimer") && strcmp(l->intent, "HassDecreaseTimer")))
        return false;
    snprintf(out->intent, sizeof out->intent, "%s", verb);
    return intent_def_combo(intent_schema_find(schema, verb), intent_line_mask(out));
}

/* The line with its duration slots made whole (see resolve.h), written to *out; false when it
 * stays. A group is a new duration (hours, minutes, seconds) or the one a timer was started with
 * (start_*). A span the utterance carries on with a half or a unit ("an hour" + "and a half",
 * "一个" + "半小时") counts as the longer stretch (num_duration_extend), as does a span that is
 * the half of a duration said before it (半小时 of 一个半小时; half_start), and free text said
 * inside that stretch ("时" of 两个半小时, copied as a command) goes; a fraction (1.5 hours) is
 * carried into the smaller units. Groups without either are left as said ("90 minutes"). */
bool durations_line(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const groups[2][3] = {{"hours", "minutes", "seconds"},
                                             {"start_hours", "start_minutes", "start_seconds"}};
    static const long unit[3] = {3600, 60, 1};
    struct intent_line *work = malloc(sizeof *work), *next = malloc(sizeof *next);
    bool changed = false;
    if (!work || !next) goto out;
    *work = *l;
    for (int g = 0; g < 2; g++) {
        double secs = 0;
        bool any = false, recount = false, bad = false;
        long ss = -1, se = -1; /* the stretch a span was extended to */
        for (int k = 0; k < 3 && !bad; k++) {
            const char *v = intent_line_get(l, groups[g][k]);
            if (!v) continue;
            any = true;
            struct num_duration d;
            size_t len = strlen(v), ext = 0;
            bool again = false;
            for (long at = utt ? utt_find(utt, v, 0) : -1; at >= 0 && !ext;
                 at = utt_find(utt, v, (size_t)at + 1)) {
                long from = at;
                ext = num_duration_extend(utt + at, len, &d);
                size_t right = ext > len ? ext : len; /* the span carried on to the right */
                long hs = half_start(utt, at, right);
                if (hs >= 0) /* and read from where its duration starts */
                    ext = num_duration_extend(utt + (from = hs), (size_t)(at - hs) + right, &d);
                else if (ext <= len)
                    ext = 0;
                if (!ext) continue;
                again = ss == from && se == from + (long)ext;
                ss = from, se = from + (long)ext;
            }
            if (again) continue; /* the same words copied into two slots count once */
            double x, whole = -1;
            if (ext || num_parse_duration(v, &d) == HUB_OK)
                whole = (double)(d.hours * 3600 + d.minutes * 60 + d.seconds);
            bool as_slot = num_parse_slot(groups[g][k], v, &x) == HUB_OK;
            /* a span said in another unit ("29 sec" as minutes) counts in that unit; "60
             * minutes" stays minutes */
            bool other_unit = as_slot && whole > 0 && fabs(x * (double)unit[k] - whole) > 0.5;
            /* whole units of the slot stay as said ("90 minutes" is 90 minutes) */
            if (!ext && as_slot && x == floor(x) && !other_unit) {
                secs += x * (double)unit[k];
                continue;
            }
            recount = true; /* "an hour and a half", "1.5 hours", "半小时" */
            if (whole >= 0)
                secs += whole;
            else if (as_slot)
                secs += x * (double)unit[k];
            else
                bad = true; /* left to resolve_slots, which answers null */
        }
        long t = lround(secs);
        if (!any || !recount || bad || t <= 0) continue;
        uint32_t drop = 0;
        for (int k = 0; k < 3; k++)
            drop |= 1u << intent_slot_index(groups[g][k]);
        for (int i = 0; i < work->n_slots && ss >= 0; i++) {
            const char *v = work->slots[i].value;
            long at = utt_find(utt, v, (size_t)ss);
            if (intent_slot_kind(work->slots[i].name) == INTENT_SLOT_TEXT && at >= 0 &&
                at + (long)strlen(v) <= se)
                drop |= 1u << intent_slot_index(work->slots[i].name);
        }
        long part[3] = {t / 3600, t % 3600 / 60, t % 60};
        bool ok = line_without(work, drop, next);
        for (int k = 0; k < 3 && ok; k++) {
            char num[32];
            snprintf(num, sizeof num, "%ld", part[k]);
            if (part[k]) ok = intent_line_add(next, groups[g][k], num) == HUB_OK;
        }
        if (!ok) continue;
        *work = *next;
        changed = true;
    }
    if (changed) *out = *work;
out:
    free(work);
    free(next);
    return changed;
}

/* ---- a pause undone ---- */

/* A pause heard where the speaker undoes one ("unpause the music", "resume", 取消暂停; the
 * word of pausing is often inside the word of undoing it): the unpause of the same thing (media
 * or timer), when no word of pausing is said apart from those. */
bool unpause_said_line(const struct intent_schema *schema, const struct intent_line *l,
                       const char *utt, struct intent_line *out)
{
    static const char *const undo[] = {"unpause", "un-pause", "resume", "取消暂停", NULL};
    static const char *const pause[] = {"pause", "暂停", NULL};
    const char *to = !strcmp(l->intent, "HassMediaPause")   ? "HassMediaUnpause"
                     : !strcmp(l->intent, "HassPauseTimer") ? "HassUnpauseTimer"
                                                            : NULL;
    if (!schema || !utt || !to || !says_any(utt, undo)) return false;
    char rest[INTENT_LINE_MAX];
    snprintf(rest, sizeof rest, "%s", utt);
    for (int i = 0; undo[i]; i++) blank_all(rest, undo[i]);
    if (says_any(rest, pause)) return false;
    *out = *l;
    snprintf(out->intent, sizeof out->intent, "%s", to);
    return intent_def_combo(intent_schema_find(schema, to), intent_line_mask(out));
}

/* ---- numbers cut short ---- */

/* The bytes of the numeral that goes on right after the span: Chinese numeral characters and
 * digits ("四" + "千" of 四千开尔文), or English number words after a space or hyphen ("twenty"
 * + " five"). 0 when none. */
static size_t numeral_after(const char *p)
{
    static const char *const zh[] = {"零", "〇", "一", "二", "三", "四", "五", "六", "七", "八",
                                     "九", "十", "百", "千", "万", "两", NULL};
    static const char *const en[] = {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety", "hundred", "thousand", NULL};
    const char *q = p;
    for (bool more = true; more;) {
        more = false;
        if ((unsigned char)*q >= 0x80) {
            for (int i = 0; zh[i] && !more; i++)
                if (!strncmp(q, zh[i], strlen(zh[i]))) q += strlen(zh[i]), more = true;
        } else if (isdigit((unsigned char)*q) && isdigit((unsigned char)q[-1])) {
            q++, more = true; /* digits carry on only digits (the span is never empty) */
        } else if ((*q == ' ' || *q == '-') && isalpha((unsigned char)q[1])) {
            for (int i = 0; en[i] && !more; i++) {
                size_t n = strlen(en[i]);
                if (!strncasecmp(q + 1, en[i], n) && !isalpha((unsigned char)q[1 + n]))
                    q += 1 + n, more = true;
            }
        }
    }
    return (size_t)(q - p);
}

/* A number copied short of the numeral it is part of (temperature=四 of 四千开尔文,
 * brightness=twenty of "twenty five"): the whole numeral, where it reads as a number. Durations
 * are durations_line's. */
bool number_whole_line(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    bool changed = false;
    if (!utt) return false;
    *out = *l;
    for (int i = 0; i < l->n_slots; i++) {
        const char *slot = l->slots[i].name, *v = l->slots[i].value;
        if (intent_slot_kind(slot) != INTENT_SLOT_NUMBER || strstr(slot, "hours") ||
            strstr(slot, "minutes") || strstr(slot, "seconds"))
            continue;
        bool neg = v[0] == '-'; /* volume_step's sign for "down by" */
        long at = utt_find(utt, v + neg, 0);
        if (at < 0 || utt_find(utt, v + neg, (size_t)at + 1) >= 0) continue; /* said twice */
        size_t len = strlen(v + neg), more = numeral_after(utt + at + len);
        char whole[INTENT_LINE_MAX];
        double before, after;
        if (!more || len + more + 2 > sizeof whole) continue;
        snprintf(whole, sizeof whole, "%s%.*s", neg ? "-" : "", (int)(len + more), utt + at);
        if (num_parse_slot(slot, v, &before) != HUB_OK ||
            num_parse_slot(slot, whole, &after) != HUB_OK || after == before)
            continue;
        snprintf(out->slots[i].value, sizeof out->slots[i].value, "%s", whole);
        changed = true;
    }
    return changed;
}

/* ---- broadcasts ---- */

/* The end (byte offset) of the last whole-word occurrence of one of the words that ends at or
 * before limit; -1 when there is none. */
static long last_word_end(const char *utt, size_t limit, const char *const *words)
{
    long best = -1;
    for (int i = 0; words[i]; i++) {
        size_t wl = strlen(words[i]);
        bool ascii = (unsigned char)words[i][0] < 0x80;
        for (const char *p = utt; (p = ascii ? strcasestr(p, words[i]) : strstr(p, words[i]));
             p++) {
            size_t end = (size_t)(p - utt) + wl;
            if (end > limit) break;
            bool whole = !ascii || !isalnum((unsigned char)words[i][0]) ||
                         ((p == utt || !isalnum((unsigned char)p[-1])) &&
                          !isalnum((unsigned char)p[wl]));
            if (whole && (long)end > best) best = (long)end;
        }
    }
    return best;
}

static const char *const thanks[] = {"please", "thanks", "thank you", "谢谢", "好吗", "行吗",
                                     "可以吗", "拜托", NULL};

/* The end of utt[from, end) less the thanks said at its end ("..., thanks", "…，谢谢"). */
static size_t without_thanks(const char *utt, size_t from, size_t end)
{
    for (bool cut = true; cut;) {
        cut = false;
        for (int i = 0; thanks[i]; i++) {
            size_t tl = strlen(thanks[i]);
            bool ascii = (unsigned char)thanks[i][0] < 0x80;
            if (end >= from + tl && !strncasecmp(utt + end - tl, thanks[i], tl) &&
                (!ascii || end == from + tl || !isalnum((unsigned char)utt[end - tl - 1]))) {
                end -= tl, cut = true;
                while (end > from && (strchr(" ,", utt[end - 1]) ||
                                      (end >= from + 3 && !strncmp(utt + end - 3, "，", 3))))
                    end -= utt[end - 1] == ' ' || utt[end - 1] == ',' ? 1 : 3;
            }
        }
    }
    return end;
}

/* A request that opens with a broadcast, heard as something else ("broadcast come up from the
 * dock, it's getting dark" as the mower going home, 发个广播，十分钟后出发 as a timer): the
 * broadcast of all that follows, less the thanks at its end. Only fillers and politeness may
 * come before it. */
bool broadcast_led_line(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const lead[] = {
        "please", "can", "could", "would", "will", "you", "hey", "ok", "okay", "so", "um", "uh",
        "er", "erm", "hmm", "go", "ahead", "and", "kindly", "just", "now", NULL};
    static const char *const verbs[] = {"broadcast", "announce", NULL};
    static const char *const zh_lead[] = {"嗯嗯", "嗯", "额", "呃", "唔", "那个", "哎", "，", "请",
                                          "帮我", "帮忙", "麻烦", "给我", "你", " ", NULL};
    static const char *const zh_verbs[] = {"发一个广播", "发个广播", "发广播", "广播一下", "广播",
                                           NULL};
    static const char *const zh_after[] = {"：", "，", "说", ":", " ", NULL};
    if (!utt || !strcmp(l->intent, "HassBroadcast")) return false;
    const char *rest = NULL;
    int at[UTT_WORDS], len[UTT_WORDS];
    bool stop[UTT_WORDS];
    int n = utt_words(utt, at, len, stop), w = 0;
    while (w < n && word_in(utt + at[w], len[w], lead)) w++;
    if (w < n && word_in(utt + at[w], len[w], verbs)) {
        rest = utt + at[w] + len[w];
        rest += strspn(rest, " :,");
        if (!strncasecmp(rest, "that ", 5)) rest += 5;
    } else if (!n || (unsigned char)utt[0] >= 0x80) {
        const char *p = utt;
        for (bool more = true; more;) {
            more = false;
            for (int i = 0; zh_lead[i]; i++)
                if (starts(p, zh_lead[i])) p += strlen(zh_lead[i]), more = true;
        }
        for (int i = 0; zh_verbs[i] && !rest; i++)
            if (starts(p, zh_verbs[i])) rest = p + strlen(zh_verbs[i]);
        for (bool more = rest != NULL; more;) {
            more = false;
            for (int i = 0; zh_after[i]; i++)
                if (starts(rest, zh_after[i])) rest += strlen(zh_after[i]), more = true;
        }
    }
    if (!rest || !*rest) return false;
    size_t from = (size_t)(rest - utt), end = strlen(utt);
    static const char *const stops[] = {"。", "！", "？", ".", "!", "?", " ", NULL};
    for (bool cut = true; cut;) {
        cut = false;
        end = without_thanks(utt, from, end);
        for (int i = 0; stops[i]; i++) {
            size_t sl = strlen(stops[i]);
            if (end >= from + sl && !memcmp(utt + end - sl, stops[i], sl)) end -= sl, cut = true;
        }
    }
    if (end <= from) return false;
    char msg[INTENT_LINE_MAX];
    memset(out, 0, sizeof *out);
    snprintf(out->intent, sizeof out->intent, "HassBroadcast");
    span_copy(msg, sizeof msg, rest, end - from);
    return intent_line_add(out, "message", msg) == HUB_OK;
}

/* A broadcast's message runs from the words that say who hears it to the end of the utterance
 * (data/templates: "shout to everyone that ...", "make an announcement ...", 通知大家，...).
 * The model may copy only its end ("the door" of "someone is at the door", read as a place) or
 * the audience with it (大家外卖到了), or the audience alone ("shout to everyone" of "shout to
 * everyone someone is at the door"). A message that ends the utterance (punctuation aside) is
 * made to start right after the last such word before it, or after the one it starts with; one
 * that stops short of the end and holds such a word is the words after its last one, to the end. */
bool message_line(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const audience[] = {
        "that", "everyone", "everybody", "the house", "the family", "announcement", "saying",
        "announce", "broadcast", "know", ":", "大家", "全家", "全家人", "所有人", "每个人",
        "家里人", "全屋", "广播", "通知", "一下", "说一声", "说一下", "大家说", "全家说",
        "家人说", "所有人说", "：", "，", NULL};
    /* words that start another request after a comma ("…, and dim the lights", 顺便…) */
    static const char *const next[] = {"and", "then", "also", "顺便", "然后", "再", "并且", "还有",
                                       "同时", "另外", NULL};
    const char *msg = intent_line_get(l, "message");
    if (!utt || !msg || !msg[0] || strcmp(l->intent, "HassBroadcast")) return false;
    const char *at = NULL;
    for (const char *p = utt; (p = strstr(p, msg)); p++) at = p; /* the last copy */
    if (!at) return false;
    size_t ms = (size_t)(at - utt), me = ms + strlen(msg), end = strlen(utt);
    while (end > me && strchr(" .!?\t", utt[end - 1])) end--;
    static const char *const stops[] = {"。", "！", "？", NULL};
    for (bool cut = true; cut && end > me;) {
        cut = false;
        for (int i = 0; stops[i]; i++) {
            size_t sl = strlen(stops[i]);
            if (end >= me + sl && !memcmp(utt + end - sl, stops[i], sl)) end -= sl, cut = true;
        }
    }
    /* a request that opens with the broadcast and a comma (广播一下，饭做好了，大家下来吃饭):
     * all that follows the comma, audience words and all, less the thanks at its end */
    static const char *const openers[] = {"广播", "通知", "announce", "broadcast", NULL};
    const char *comma = strstr(utt, "，"), *ascii_comma = strchr(utt, ',');
    size_t comma_len = strlen("，");
    if (!comma || (ascii_comma && ascii_comma < comma)) comma = ascii_comma, comma_len = 1;
    long start;
    if (comma && comma + comma_len <= at) {
        char opening[INTENT_LINE_MAX];
        snprintf(opening, sizeof opening, "%.*s", (int)(comma - utt), utt);
        if (says_any(opening, openers)) {
            start = (long)(comma - utt + (long)comma_len);
            end = without_thanks(utt, (size_t)start, end);
            goto take;
        }
    }
    bool whole = end == me; /* else short of the end: only a span that holds the audience
                             * ("shout to everyone"), the message the words after it */
    start = last_word_end(utt, whole ? ms : me, audience);
    if (!whole && start <= (long)ms) {
        /* cut at a comma it goes on after (广播一下，乐乐快下楼，校车来了): to the end, where
         * the rest names no audience and is no thanks */
        size_t cl = !strncmp(utt + me, "，", strlen("，")) ? strlen("，") : utt[me] == ',';
        const char *rest = utt + me + cl;
        rest += strspn(rest, " ");
        bool another = false;
        for (int i = 0; next[i] && !another; i++) {
            size_t nl = strlen(next[i]);
            another = !strncasecmp(rest, next[i], nl) &&
                      ((unsigned char)next[i][0] >= 0x80 || !isalnum((unsigned char)rest[nl]));
        }
        if (another || last_word_end(utt, end, audience) > (long)(me + cl) ||
            (cl && says_any(utt + me, thanks)))
            return false;
        /* cut with no comma ("the cows" of "shout to everybody that the cows got out"): to
         * the end, less the thanks there */
        if (!cl) end = without_thanks(utt, me, end);
        whole = true;
        start = (long)ms;
    }
    /* an audience word the message starts inside (人开饭了 of 通知全家人开饭了): after the
     * longest such word */
    for (int i = 0; whole && audience[i]; i++)
        for (const char *p = utt; (p = strstr(p, audience[i])) && p < at; p++) {
            long e = (long)(p + strlen(audience[i]) - utt);
            if (e > (long)ms && e < (long)me && e > start) start = e;
        }
    for (int i = 0; whole && audience[i]; i++) { /* it starts with its audience (大家外卖到了) */
        size_t wl = strlen(audience[i]);
        bool ascii = (unsigned char)audience[i][0] < 0x80;
        bool starts_with =
            !(ascii ? strncasecmp(at, audience[i], wl) : strncmp(at, audience[i], wl));
        if (wl < me - ms && starts_with && (!ascii || !isalnum((unsigned char)at[wl])))
            start = (long)(ms + wl);
    }
    if (start < 0) return false;
    while (utt[start] && strchr(" ,:", utt[start])) start++;
    /* "tell maya to come down for dinner": what she is told to do */
    static const char *const tellers[] = {"tell ", "ask ", NULL};
    for (int i = 0; tellers[i]; i++) {
        size_t tl = strlen(tellers[i]);
        if (strncasecmp(utt + start, tellers[i], tl)) continue;
        const char *to = strcasestr(utt + start + tl, " to ");
        int words = 0;
        for (const char *p = utt + start + tl; to && p < to; p++) words += *p == ' ';
        if (to && words < 2 && to + 4 < utt + end) start = (long)(to + 4 - utt);
    }
take:
    for (bool cut = true; cut;) {
        cut = false;
        static const char *const lead_marks[] = {"，", "：", NULL};
        for (int i = 0; lead_marks[i]; i++) {
            size_t ll = strlen(lead_marks[i]);
            if (!strncmp(utt + start, lead_marks[i], ll)) start += (long)ll, cut = true;
        }
    }
    if ((size_t)start >= end) return false;
    char fresh[INTENT_LINE_MAX];
    snprintf(fresh, sizeof fresh, "%.*s", (int)(end - (size_t)start), utt + start);
    if (!strcmp(fresh, msg)) return false;
    return line_with(l, "message", fresh, out);
}

/* ---- media: a query that is the class word ---- */

/* English words of a media class, with the class. */
static const char *const query_classes[][2] = {
    {"album", "album"},      {"record", "album"},   {"song", "track"},    {"track", "track"},
    {"playlist", "playlist"}, {"movie", "movie"},   {"film", "movie"},    {"show", "tv_show"},
    {"series", "tv_show"},   {"podcast", "podcast"}, {"artist", "artist"}, {"band", "artist"}};

/* A search query that is the class word said before the title ("play the album abbey road"
 * copied as search_query=the album) or starts with it ("stream the series bluey" copied whole):
 * the title alone, with the class. The title is the rest of the query, or, for a query that is
 * the class word alone, the words after it in the utterance up to a word of place or the end
 * of the phrase. English; the line stays when no title follows. */
bool query_class_line(const struct intent_def *d, const struct intent_line *l, const char *utt,
                      struct intent_line *out)
{
    static const char *const places[] = {"on", "in", "at", "for", "over", "inside", "within",
                                         "please", NULL};
    const char *q = intent_line_get(l, "search_query");
    int at[UTT_WORDS], len[UTT_WORDS], qat[UTT_WORDS], qlen[UTT_WORDS];
    bool stop[UTT_WORDS], qstop[UTT_WORDS];
    if (!d || !utt || !q || (unsigned char)q[0] >= 0x80) return false;
    int qn = utt_words(q, qat, qlen, qstop), k = 0;
    if (qn && (qlen[0] == 3 && !strncasecmp(q, "the", 3))) k = 1;
    const char *cls = NULL;
    for (size_t c = 0; k < qn && c < sizeof query_classes / sizeof query_classes[0]; c++)
        if ((int)strlen(query_classes[c][0]) == qlen[k] &&
            !strncasecmp(q + qat[k], query_classes[c][0], (size_t)qlen[k]))
            cls = query_classes[c][1];
    if (!cls) return false;
    char title[INTENT_LINE_MAX] = "";
    if (k + 1 < qn) { /* the title follows inside the query */
        snprintf(title, sizeof title, "%s", q + qat[k + 1]);
    } else { /* the title follows the query in the utterance */
        long qa = utt_find(utt, q, 0);
        int n = utt_words(utt, at, len, stop), s = 0;
        while (qa >= 0 && s < n && at[s] < qa + (long)strlen(q)) s++;
        int e = s;
        while (qa >= 0 && e < n && (e == s || !stop[e - 1]) &&
               !word_in(utt + at[e], len[e], places))
            e++;
        if (qa < 0 || e == s || (s > 0 && stop[s - 1])) return false;
        snprintf(title, sizeof title, "%.*s", at[e - 1] + len[e - 1] - at[s], utt + at[s]);
    }
    return line_without(l, 1u << intent_slot_index("media_class"), out) &&
           line_with(out, "search_query", title, out) &&
           intent_line_add(out, "media_class", cls) == HUB_OK &&
           intent_def_combo(d, intent_line_mask(out));
}

/* A Chinese search query copied from before the verb of playing ("能" or "我想" of "你能在储藏
 * 室我想听李健的歌"): the words after the last 听 / 看 / 放 / 播, up to 的歌 (and its kin) or the
 * end of the phrase. (A query that is a part of those words stays: 一首, 专辑 and 点 before a
 * title are no part of it.) */
bool query_verb_zh_line(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const verbs[] = {"听", "看", "放", "播", NULL};
    static const char *const ends[] = {"的歌", "的音乐", "的专辑", "的电影", "，", "。", "！",
                                       "？", "吧", NULL};
    const char *q = intent_line_get(l, "search_query");
    if (!utt || !q || !q[0] || (unsigned char)q[0] < 0x80 ||
        strcmp(l->intent, "HassMediaSearchAndPlay"))
        return false;
    const char *from = NULL;
    for (int v = 0; verbs[v]; v++)
        for (const char *p = strstr(utt, verbs[v]); p; p = strstr(p + 1, verbs[v]))
            if (!from || p + strlen(verbs[v]) > from) from = p + strlen(verbs[v]);
    if (!from) return false;
    const char *to = from + strlen(from);
    for (int e = 0; ends[e]; e++) {
        const char *p = strstr(from, ends[e]);
        if (p && p < to) to = p;
    }
    if (to <= from) return false;
    char said[INTENT_LINE_MAX];
    span_copy(said, sizeof said, from, (size_t)(to - from));
    const char *at = strstr(utt, q);
    if (!at || at + strlen(q) > from || !said[0]) return false; /* only a span from before */
    return line_with(l, "search_query", said, out);
}

/* The end of the phrase that starts at p: its first mark of punctuation, or the end. */
static const char *phrase_end(const char *p)
{
    static const char *const marks[] = {",", ".", "!", "?", ";", "，", "。", "！", "？", "；",
                                        "、", NULL};
    const char *end = p + strlen(p);
    for (int m = 0; marks[m]; m++) {
        const char *q = strstr(p, marks[m]);
        if (q && q < end) end = q;
    }
    return end;
}

/* The title said from p to the end of its phrase, before the words that follow a title (" on",
 * " in", " please", 吧, 给我, 的歌), into out; "" when none is said or it names a thing or room
 * of the house. */
static void title_to_end(const struct resolve_registry *r, const char *p, char *out, size_t cap)
{
    static const char *const after_en[] = {" on ", " in ", " at ", " from ", " for ", " by ",
                                           " to ", " via ", " over ", " inside ", " please",
                                           " thanks", " thank ", " now", " again", " then ",
                                           " loud", " album", " song", " track", " movie",
                                           " playlist", " podcast", NULL};
    static const char *const after_zh[] = {"吧", "呗", "啊", "呀", "给我", "听听", "听一下",
                                           "看看", "的歌", "的音乐", "的专辑", "的电影", "在",
                                           "用", "这张", "这首", "这部", "这个", "那张", "那首",
                                           "那部", "专辑", "歌单", NULL};
    const char *end = phrase_end(p);
    char buf[INTENT_LINE_MAX];
    snprintf(buf, sizeof buf, " %.*s ", (int)(end - p), p); /* spaces: words at either end */
    bool zh = (unsigned char)*p >= 0x80;
    const char *const *after = zh ? after_zh : after_en;
    char *stop = buf + strlen(buf) - 1;
    for (int i = 0; after[i]; i++) {
        char *q = strcasestr(buf + 1, after[i]);
        if (q && q < stop) stop = q;
    }
    span_copy(out, cap, buf, (size_t)(stop - buf));
    if (out[0] && (resolve_area(r, out) || resolve_entity(r, out, NULL, NULL, NULL, NULL)))
        out[0] = 0;
}

/* A search query copied short of its title ("harvest" of "play the album harvest moon", 孤 of
 * 在客厅播放孤勇者): the title runs on to the end of its phrase, up to the words that follow a
 * title (a place, the player, "please", 吧); a query that ends at a word of place stays. */
bool query_end_line(const struct resolve_registry *r, const struct intent_line *l,
                    const char *utt, struct intent_line *out)
{
    const char *q = intent_line_get(l, "search_query");
    if (!utt || !q || !q[0] || strcmp(l->intent, "HassMediaSearchAndPlay")) return false;
    long at = utt_find(utt, q, 0);
    if (at < 0 || utt_find(utt, q, (size_t)at + 1) >= 0) return false; /* said twice */
    const char *from = utt + at, *end = from + strlen(q);
    /* an English query ends on a word's end */
    if ((unsigned char)*from < 0x80 && isalnum((unsigned char)*end)) return false;
    char title[INTENT_LINE_MAX];
    title_to_end(r, from, title, sizeof title);
    if (strlen(title) <= strlen(q)) return false;
    return line_with(l, "search_query", title, out);
}

/* ---- media: a query that is the player or room ---- */

/* A search query copied from the player or room it is to play on ("stream 90s hits on the Smart
 * Display" copied as search_query=the Smart Display): the words between the first verb of
 * playing (the training templates' verbs) and the first word of place after it. English only;
 * the line stays when those words are none or name the player or room again. */
bool query_place_line(const struct resolve_registry *r, const struct intent_line *l,
                      const char *utt, struct intent_line *out)
{
    static const char *const verbs[] = {"play", "stream", "put on", "throw on", "stick on",
                                        "queue up", "cue up", "blast", "hear", "listen to",
                                        "watch", NULL};
    static const char *const places[] = {" on ", " in ", " at ", " within ", " over ",
                                         " inside ", " for ", " down in ", NULL};
    const char *q = intent_line_get(l, "search_query"), *area = intent_line_get(l, "area");
    if (!utt || !q || strcmp(l->intent, "HassMediaSearchAndPlay")) return false;
    const struct resolve_item *player = line_entity(r, l);
    const struct resolve_item *q_ent =
        entity_named(r, resolve_entity(r, q, NULL, NULL, NULL, NULL));
    const char *q_area = resolve_area(r, q), *l_area = area ? resolve_area(r, area) : NULL;
    /* the line's player or room, or, with none, any player or room of the house */
    bool is_player = q_ent && q_ent->domain && !strcmp(q_ent->domain, "media_player") &&
                     (!player || player == q_ent);
    bool is_room = q_area && (!l_area || !strcmp(q_area, l_area));
    if (!is_player && !is_room) return false;
    long from = -1; /* the end of the first verb said */
    for (int i = 0; verbs[i]; i++) {
        size_t vl = strlen(verbs[i]);
        for (const char *p = utt; (p = strcasestr(p, verbs[i])); p++)
            if ((p == utt || !isalnum((unsigned char)p[-1])) && !isalnum((unsigned char)p[vl])) {
                long end = (long)(p - utt + (long)vl);
                if (from < 0 || end < from) from = end;
                break;
            }
    }
    if (from < 0) return false;
    const char *rest = utt + from, *stop = NULL;
    for (int i = 0; places[i]; i++) {
        const char *p = strcasestr(rest, places[i]);
        if (p && (!stop || p < stop)) stop = p;
    }
    if (!stop) return false;
    while (rest < stop && *rest == ' ') rest++;
    if (rest >= stop) return false;
    char fresh[INTENT_LINE_MAX];
    snprintf(fresh, sizeof fresh, "%.*s", (int)(stop - rest), rest);
    const struct resolve_item *f_ent =
        entity_named(r, resolve_entity(r, fresh, NULL, NULL, NULL, NULL));
    if ((f_ent && f_ent->domain && !strcmp(f_ent->domain, "media_player")) ||
        resolve_area(r, fresh))
        return false;
    return line_with(l, "search_query", fresh, out);
}

/* Whether a search query is no title: a piece of the name of a thing or room of the house in
 * Chinese (华为 of 华为智慧屏, 娱乐室), or one Chinese character (首, 了); in English, where words
 * make titles of names ("the office"), only a media player's whole name ("smart display"). */
static bool query_no_title(const struct resolve_registry *r, const char *q)
{
    char key[RESOLVE_KEY_MAX];
    uint32_t cp[4];
    bool zh = (unsigned char)q[0] >= 0x80;
    if (zh && utf8_cps(q, cp, 4) == 1) return true;
    resolve_key(q, key, sizeof key);
    if (!key[0]) return true;
    const struct resolve_item *sets[2] = {r->ent, r->area};
    int ns[2] = {r->n_ent, zh ? r->n_area : 0};
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < ns[s]; i++) {
            const struct resolve_item *it = &sets[s][i];
            bool player = s == 0 && it->domain && !strcmp(it->domain, "media_player");
            for (int k = 0; k < it->n_keys; k++)
                if (zh ? strstr(it->keys[k], key) != NULL
                       : player && !strcmp(it->keys[k], key))
                    return true;
        }
    return false;
}

/* A line of another intent for the same player or place: the name, area and floor slots of l
 * kept, into *out; false when a slot does not fit. */
static bool player_line_as(const struct intent_line *l, const char *intent,
                           struct intent_line *out)
{
    static const char *const kept[] = {"name", "area", "floor", NULL};
    memset(out, 0, sizeof *out);
    snprintf(out->intent, sizeof out->intent, "%s", intent);
    for (int i = 0; i < l->n_slots; i++)
        if (in_list(kept, l->slots[i].name) &&
            intent_line_add(out, l->slots[i].name, l->slots[i].value) != HUB_OK)
            return false;
    return true;
}

/* A search whose query is no title (query_no_title: 再放一遍上一首华为智慧屏 heard as playing
 * 华为, "put it on hold smart display" as playing "smart display"): what the words of the
 * player's controls say (the training templates' own), the player and room kept. One kind of
 * control said, or the line stays. */
bool media_verb_line(const struct resolve_registry *r, const struct intent_schema *schema,
                     const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const struct {
        const char *intent;
        const char *words[10];
    } controls[] = {
        {"HassMediaPrevious", {"上一首", "上一集", "上一个", "previous", "last song",
                               "last track", "go back", NULL}},
        {"HassMediaNext", {"下一首", "下一集", "换一首", "next", "skip", NULL}},
        {"HassMediaUnpause", {"恢复", "接着", "继续", "resume", "unpause", "continue", NULL}},
        {"HassMediaPause", {"暂停", "pause", "on hold", NULL}},
    };
    const char *q = intent_line_get(l, "search_query");
    if (!schema || !utt || !q || strcmp(l->intent, "HassMediaSearchAndPlay") ||
        !query_no_title(r, q))
        return false;
    const char *said = NULL;
    for (size_t c = 0; c < sizeof controls / sizeof controls[0]; c++)
        if (says_any(utt, controls[c].words)) {
            if (said) return false; /* two kinds of control said */
            said = controls[c].intent;
        }
    if (!said || !player_line_as(l, said, out)) return false;
    return intent_def_combo(intent_schema_find(schema, said), intent_line_mask(out));
}

/* A title said after the verb of playing, heard as resuming what was playing (播放七里香 as
 * HassMediaUnpause): a search for it, the player and room kept. Not when a word of resuming
 * is said (继续播放, "resume"), nor for what is no title: nothing, music itself (播放音乐,
 * "play music"), a word of the player's (一下, "it") or a thing or room of the house. */
bool title_played_line(const struct resolve_registry *r, const struct intent_schema *schema,
                       const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const verbs[] = {"播放", "play", NULL};
    static const char *const resume[] = {"继续", "恢复", "接着", "重新", "resume", "unpause",
                                         "continue", "again", "back on", NULL};
    static const char *const no_title[] = {
        "一下", "音乐", "歌", "歌曲", "点音乐", "点歌", "首歌", "music", "some music",
        "something", "anything", "it", "that", "this", "the music", "my music", NULL};
    if (!schema || !utt || strcmp(l->intent, "HassMediaUnpause") || says_any(utt, resume))
        return false;
    const char *from = NULL;
    for (int v = 0; verbs[v] && !from; v++) {
        long at = utt_find(utt, verbs[v], 0);
        size_t vl = strlen(verbs[v]);
        bool ascii = (unsigned char)verbs[v][0] < 0x80;
        if (at >= 0 && (!ascii || ((at == 0 || !isalnum((unsigned char)utt[at - 1])) &&
                                   utt[at + (long)vl] == ' ')))
            from = utt + at + vl;
    }
    if (!from) return false;
    from += strspn(from, " ");
    if (starts(from, "一首")) from += strlen("一首");
    char title[INTENT_LINE_MAX];
    title_to_end(r, from, title, sizeof title);
    if (!title[0] || in_list(no_title, title) || query_no_title(r, title) ||
        !player_line_as(l, "HassMediaSearchAndPlay", out))
        return false;
    return intent_line_add(out, "search_query", title) == HUB_OK &&
           intent_def_combo(intent_schema_find(schema, out->intent), intent_line_mask(out));
}

/* "Find priya", 找一下小刚: a person of the house asked after with a verb of finding, heard as
 * something else (the previous track, a search to play): where they are (HassGetState). The
 * person is what the verb finds: the words right after it, to the end of the phrase ("locate
 * samantha for me"), name them, and only one person has that name; a message or a list's item
 * that says "find" stays. */
bool person_sought_line(const struct resolve_registry *r, const struct intent_line *l,
                        const char *utterance, struct intent_line *out)
{
    static const char *const finding[] = {"find", "locate", "找", "定位", NULL};
    static const char *const skipped[] = {" ", "一下", NULL};
    static const char *const ends[] = {",", ".", "!", "?", "，", "。", "！", "？", " for me",
                                       " please", "吧", NULL};
    static const char *const free_text[] = {
        "HassBroadcast", "HassStartTimer", "HassListAddItem", "HassListCompleteItem",
        "HassListRemoveItem", "HassShoppingListAddItem", "HassShoppingListCompleteItem", NULL};
    static const char *const people[] = {"person", NULL};
    if (!utterance || in_list(free_text, l->intent)) return false;
    const struct resolve_item *e = line_entity(r, l);
    for (int v = 0; finding[v]; v++) {
        size_t vl = strlen(finding[v]);
        bool ascii = (unsigned char)finding[v][0] < 0x80;
        for (const char *p = utterance; (p = strcasestr(p, finding[v])); p += vl) {
            if (ascii && ((p > utterance && isalnum((unsigned char)p[-1])) ||
                          isalnum((unsigned char)p[vl])))
                continue;
            const char *who = p + vl;
            for (bool moved = true; moved;) {
                moved = false;
                for (int k = 0; skipped[k]; k++)
                    if (!strncmp(who, skipped[k], strlen(skipped[k])))
                        who += strlen(skipped[k]), moved = true;
            }
            size_t n = strlen(who);
            for (int k = 0; ends[k]; k++) {
                const char *e = strstr(who, ends[k]);
                if (e && (size_t)(e - who) < n) n = (size_t)(e - who);
            }
            char span[INTENT_LINE_MAX];
            snprintf(span, sizeof span, "%.*s", (int)n, who);
            const struct resolve_item *person =
                entity_named(r, resolve_entity(r, span, NULL, NULL, NULL, people));
            if (!person || !person->domain || strcmp(person->domain, "person")) continue;
            int same = 0; /* two people of one name: no guess */
            for (int i = 0; i < r->n_ent; i++)
                same += r->ent[i].domain && !strcmp(r->ent[i].domain, "person") &&
                        !strcmp(r->ent[i].name, person->name);
            if (same > 1) return false;
            if (e == person && !strcmp(l->intent, "HassGetState")) return false;
            memset(out, 0, sizeof *out);
            snprintf(out->intent, sizeof out->intent, "%s", "HassGetState");
            return intent_line_add(out, "name", person->name) == HUB_OK;
        }
    }
    return false;
}

/* ---- what the words say: volume direction, covers, timers or media ---- */

/* The way the volume goes by the words said: 声音太小了 (too quiet) heard as turning it down.
 * Both ways said, or none: the model's answer stays. */
bool volume_way_line(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const up[] = {"太小", "太轻", "太低", "听不见", "听不清", "大一点", "大点",
                                     "大声", "调大", "开大", "too quiet", "too low", "too soft",
                                     "can't hear", "cannot hear", "louder", NULL};
    static const char *const down[] = {"太大", "太吵", "太响", "小一点", "小点", "小声", "调小",
                                       "关小", "too loud", "quieter", NULL};
    const char *step = intent_line_get(l, "volume_step");
    if (!utt || !step || strcmp(l->intent, "HassSetVolumeRelative") ||
        (strcmp(step, "up") && strcmp(step, "down")))
        return false;
    bool says_up = says_any(utt, up), says_down = says_any(utt, down);
    if (says_up == says_down) return false;
    const char *way = says_up ? "up" : "down";
    if (!strcmp(step, way)) return false;
    return line_with(l, "volume_step", way, out);
}

/* "I can't hear the music on the roku" heard as unmuting it, as asking to play "the music" or
 * as a broadcast: its volume turned up (HassSetVolumeRelative), the player and place kept. Not
 * where a word of muting is said ("i can't hear anything, unmute it"), nor where the words are
 * the message or title itself. */
bool quiet_said_line(const struct intent_schema *schema, const struct intent_line *l,
                     const char *utt, struct intent_line *out)
{
    static const char *const quiet[] = {"can't hear", "cannot hear", "can barely hear",
                                        "can hardly hear", "too quiet", NULL};
    static const char *const muting[] = {"mute", "unmute", "muted", "sound back", "audio back",
                                         NULL};
    static const char *const heard_as[] = {"HassMediaPlayerUnmute", "HassMediaSearchAndPlay",
                                           "HassBroadcast", NULL};
    char rest[INTENT_LINE_MAX]; /* the words outside a message or title ("tell everyone i
                                   can't hear the doorbell" is a broadcast) */
    if (!schema || !utt || !in_list(heard_as, l->intent)) return false;
    snprintf(rest, sizeof rest, "%s", utt);
    blank_all(rest, intent_line_get(l, "message"));
    blank_all(rest, intent_line_get(l, "search_query"));
    if (!says_any(rest, quiet) || says_any(utt, muting) ||
        !player_line_as(l, "HassSetVolumeRelative", out))
        return false;
    return intent_line_add(out, "volume_step", "up") == HUB_OK &&
           intent_def_combo(intent_schema_find(schema, out->intent), intent_line_mask(out));
}

/* A question of the state of a thermostat that asks for no state ("what is the cloakroom
 * heater showing"): its temperature (HassClimateGetTemperature), where the schema has the
 * combination. Asking whether it is on or heating names a state and stays. */
bool climate_state_line(const struct resolve_registry *r, const struct intent_schema *schema,
                        const struct intent_line *l, struct intent_line *out)
{
    if (!schema || strcmp(l->intent, "HassGetState") || intent_line_get(l, "state") ||
        intent_line_get(l, "domain"))
        return false;
    const struct resolve_item *e = line_entity(r, l);
    if (!e || !e->domain || strcmp(e->domain, "climate")) return false;
    const struct intent_def *temp = intent_schema_find(schema, "HassClimateGetTemperature");
    *out = *l;
    snprintf(out->intent, sizeof out->intent, "%s", "HassClimateGetTemperature");
    return temp && intent_def_combo(temp, intent_line_mask(out));
}

/* "Make sure the tripod lamp is off" heard as asking whether it is: an order, to turn it the
 * way the state says (on, locked, open: HassTurnOn; off, unlocked, closed: HassTurnOff), where
 * the schema has the combination without the state. Not for what takes no order (sensors,
 * people), nor where a negation is said. */
bool make_sure_line(const struct resolve_registry *r, const struct intent_schema *schema,
                    const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const order[] = {"make sure", "ensure", "确保", NULL};
    static const char *const on[] = {"on", "locked", "open", NULL};
    static const char *const off[] = {"off", "unlocked", "closed", NULL};
    static const char *const not_ordered[] = {"sensor", "binary_sensor", "person", NULL};
    static const char *const negation[] = {"not", "isn't", "aren't", "不", "没", NULL};
    const char *state = intent_line_get(l, "state"), *domain = intent_line_get(l, "domain");
    const struct resolve_item *e = line_entity(r, l);
    if (!schema || !utt || !state || strcmp(l->intent, "HassGetState") || !says_any(utt, order) ||
        says_any(utt, negation) || (domain && in_list(not_ordered, domain)) ||
        (e && e->domain && in_list(not_ordered, e->domain)))
        return false; /* a sensor or a person is no order's; "make sure it is not on" is off */
    const char *turn = in_list(on, state) ? "HassTurnOn" : in_list(off, state) ? "HassTurnOff"
                                                                                 : NULL;
    if (!turn || !line_without(l, 1u << intent_slot_index("state"), out)) return false;
    snprintf(out->intent, sizeof out->intent, "%s", turn);
    return intent_def_combo(intent_schema_find(schema, turn), intent_line_mask(out));
}

/* A relative volume step that is a number where the utterance says no way to go ("我想要音量是
 * 20", "volume at 40" heard as a step of 20 or 40): the level to set (HassSetVolume). Only where
 * the schema has the combination. */
bool volume_level_line(const struct intent_schema *schema, const struct intent_line *l,
                       const char *utt, struct intent_line *out)
{
    static const char *const ways[] = {
        "up", "down", "louder", "quieter", "softer", "raise", "lower", "increase", "decrease",
        "by", "more", "less", "bump", "crank", "boost", "reduce", "drop", "大", "小", "高", "低",
        "加", "减", "升", "降", "增", "轻", "响", NULL};
    const char *step = intent_line_get(l, "volume_step");
    if (!schema || !utt || !step || strcmp(l->intent, "HassSetVolumeRelative") ||
        !strcmp(step, "up") || !strcmp(step, "down") || step[0] == '-' || says_any(utt, ways))
        return false;
    double x;
    if (num_parse_slot("volume_level", step, &x) != HUB_OK) return false;
    const struct intent_def *set = intent_schema_find(schema, "HassSetVolume");
    memset(out, 0, sizeof *out);
    snprintf(out->intent, sizeof out->intent, "%s", "HassSetVolume");
    for (int i = 0; i < l->n_slots; i++)
        if (intent_line_add(out, strcmp(l->slots[i].name, "volume_step") ? l->slots[i].name
                                                                          : "volume_level",
                            l->slots[i].value) != HUB_OK)
            return false;
    return set && intent_def_combo(set, intent_line_mask(out));
}

/* A media player turned "up" or "down" heard as turned on or off ("turn the television up"):
 * its volume, that way (HassSetVolumeRelative). Only with the words turn and up or down said and
 * neither on nor off ("fire up the boombox" starts it), and only where the schema has the
 * combination. English. */
bool player_way_line(const struct resolve_registry *r, const struct intent_schema *schema,
                     const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const up[] = {"up", NULL}, *const down[] = {"down", NULL};
    static const char *const on_off[] = {"on", "off", NULL}, *const turn[] = {"turn", NULL};
    if (!schema || !utt || (strcmp(l->intent, "HassTurnOn") && strcmp(l->intent, "HassTurnOff")))
        return false;
    const struct resolve_item *e = line_entity(r, l);
    bool says_up = says_any(utt, up), says_down = says_any(utt, down);
    if (!e || !e->domain || strcmp(e->domain, "media_player") || says_up == says_down ||
        says_any(utt, on_off) || !says_any(utt, turn))
        return false;
    const struct intent_def *rel = intent_schema_find(schema, "HassSetVolumeRelative");
    *out = *l; /* the same slots under the other intent, as timer_add_line */
    snprintf(out->intent, sizeof out->intent, "%s", "HassSetVolumeRelative");
    return intent_line_add(out, "volume_step", says_up ? "up" : "down") == HUB_OK && rel &&
           intent_def_combo(rel, intent_line_mask(out));
}

/* A cover set to a level heard as a volume ("让侧门停在80" as HassSetVolume): when the utterance
 * names a cover and no media player, the cover's position. */
bool cover_level_line(const struct resolve_registry *r, const struct intent_line *l,
                      const char *utt, struct intent_line *out)
{
    const char *level = intent_line_get(l, "volume_level");
    if (!utt || !level || strcmp(l->intent, "HassSetVolume") || !r->n_ent) return false;
    const struct resolve_item *named = line_entity(r, l);
    if (named && (!named->domain || strcmp(named->domain, "cover"))) return false;
    const struct resolve_item *cover = said_entity_of(r, utt, "cover");
    if (!cover || said_entity_of(r, utt, "media_player")) return false;
    memset(out, 0, sizeof *out);
    snprintf(out->intent, sizeof out->intent, "%s", "HassSetPosition");
    const char *area = intent_line_get(l, "area");
    return intent_line_add(out, "name", cover->name) == HUB_OK &&
           (!area || intent_line_add(out, "area", area) == HUB_OK) &&
           intent_line_add(out, "position", level) == HUB_OK;
}

/* A pause or resume heard as a timer's where no timer is spoken of ("把琴房里恢复一下",
 * "暂停华为智慧屏"): the media's, for the room or the media player said; a cancel with a name
 * where no timer is spoken of and a list of the house is ("药店里不要牙膏了，删掉"): the name
 * taken off that list. And 清空 / all the timers said of one timer's cancel: all of them. */
bool timer_said_line(const struct resolve_registry *r, const struct intent_line *l,
                     const char *utt, struct intent_line *out)
{
    static const char *const timer_words[] = {"timer", "timers", "countdown", "计时", "定时",
                                              "倒计时", "闹钟", NULL};
    static const char *const all[] = {"清空", "所有", "全部", "all timers", "all the timers",
                                      "every timer", "all my timers", NULL};
    static const char *const media[][2] = {{"HassPauseTimer", "HassMediaPause"},
                                           {"HassUnpauseTimer", "HassMediaUnpause"}};
    if (!utt) return false;
    for (int i = 0; i < l->n_slots; i++) /* only a name or room: a duration is a timer's */
        if (strcmp(l->slots[i].name, "name") && strcmp(l->slots[i].name, "area")) return false;
    const char *name = intent_line_get(l, "name"), *area = intent_line_get(l, "area");
    if (!strcmp(l->intent, "HassCancelTimer") && !name && says_any(utt, all)) {
        memset(out, 0, sizeof *out);
        snprintf(out->intent, sizeof out->intent, "%s", "HassCancelAllTimers");
        return !area || intent_line_add(out, "area", area) == HUB_OK;
    }
    const struct resolve_item *list = NULL;
    if (!strcmp(l->intent, "HassCancelTimer") && name && !area && !says_any(utt, timer_words) &&
        (list = said_entity_of(r, utt, "todo")) != NULL) { /* 药店里不要牙膏了，删掉 */
        memset(out, 0, sizeof *out);
        snprintf(out->intent, sizeof out->intent, "%s", "HassListRemoveItem");
        return intent_line_add(out, "item", name) == HUB_OK &&
               intent_line_add(out, "name", list->name) == HUB_OK;
    }
    const char *to = NULL;
    for (size_t i = 0; i < sizeof media / sizeof media[0]; i++)
        if (!strcmp(l->intent, media[i][0])) to = media[i][1];
    if (!to || says_any(utt, timer_words)) return false;
    const struct resolve_item *player = NULL;
    if (name) { /* the name must be a media player's, or the one the utterance says */
        const struct resolve_item *e = line_entity(r, l);
        player = e && e->domain && !strcmp(e->domain, "media_player") ? e
                                                         : said_entity_of(r, utt, "media_player");
        if (!player) return false;
    }
    memset(out, 0, sizeof *out);
    snprintf(out->intent, sizeof out->intent, "%s", to);
    return (!player || intent_line_add(out, "name", player->name) == HUB_OK) &&
           (!area || intent_line_add(out, "area", area) == HUB_OK);
}

/* ---- the clock: time and date asked ---- */

/* A question of the time or the date that says a word of the other ("date please" heard as
 * the time): that one; one that says no word of either ("lock the shed" heard as the time, 读一下
 * 新闻 as the date), or asks the clock of another place: nothing the hub knows, written as a
 * line with no intent. Both said: stays. */
bool clock_said_line(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const time_words[] = {
        "time", "clock", "o'clock", "hour", "late", "early", "几点", "时间", "钟", "点了", "几时",
        "时候", "现在", NULL};
    static const char *const date_words[] = {
        "date", "day", "today", "month", "year", "calendar", "weekday", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "weekend", "week", "几号", "日期",
        "星期", "礼拜", "周几", "今天", "日子", "几月", "哪天", "号", NULL};
    bool is_time = !strcmp(l->intent, "HassGetCurrentTime");
    if (!utt || l->n_slots || (!is_time && strcmp(l->intent, "HassGetCurrentDate"))) return false;
    bool says_time = says_any(utt, time_words), says_date = says_any(utt, date_words);
    /* the clock of somewhere else ("what year is it in china", "what time is it in tokyo"): the
     * hub keeps only its own; "in here", "in the kitchen" are the house's */
    for (const char *in = utt; (in = strcasestr(in, " in ")); in += 4) {
        const char *w = in + 4;
        if (isalpha((unsigned char)w[0]) && strncasecmp(w, "the ", 4) &&
            strncasecmp(w, "here", 4) && strncasecmp(w, "my ", 3) && strncasecmp(w, "our ", 4) &&
            strncasecmp(w, "this ", 5))
            says_time = says_date = false;
    }
    if (is_time ? says_time : says_date) return false;
    memset(out, 0, sizeof *out);
    if (says_time || says_date)
        snprintf(out->intent, sizeof out->intent, "%s",
                 says_time ? "HassGetCurrentTime" : "HassGetCurrentDate");
    return true;
}

/* A question of the temperature with nothing to ask of (no device, room or floor) that says
 * no word of warmth ("check my email" heard as the temperature): nothing the hub knows. */
bool temperature_unsaid(const struct intent_line *l, const char *utt)
{
    static const char *const warmth[] = {
        "temperature", "temp", "degree", "degrees", "warm", "cold", "hot", "cool", "chilly",
        "freezing", "heat", "heating", "thermostat", "thermometer", "°", "温度", "气温", "度", "冷",
        "热", "暖", "凉", NULL};
    return utt && !l->n_slots && !strcmp(l->intent, "HassClimateGetTemperature") &&
           !says_any(utt, warmth);
}

/* Whether the utterance asks for a service the hub does not give: a call, a message, an email,
 * a booking, a taxi, a route, a flight, the news, the time or date of another place ("text tom
 * that i'm running late", "book a table for four", 给妈妈打个电话, 帮我查一下明天的航班, 东京现在
 * 几点). English: the verb leads the request, after
 * fillers and politeness only ("call out to everyone" and "call the mower back" are the hub's);
 * Chinese: the words anywhere. Not where the words are the line's free text (给妈妈打电话 as
 * a to-do item, a message) or a robot is called back. */
bool service_asked(const struct intent_line *l, const char *utt)
{
    static const char *const verbs[] = {"text", "email", "e-mail", "phone", "call", "ring",
                                        "book", "reserve", "navigate", NULL};
    static const char *const lead[] = {
        "please", "can", "could", "would", "will", "you", "hey", "ok", "okay", "so", "um", "uh",
        "er", "i", "want", "need", "to", "go", "ahead", "and", "help", "me", "kindly", "just",
        "quickly", "quick", "now", NULL};
    static const char *const hub_after[] = {"out", "back", "up", "it", "everyone", NULL};
    static const char *const zh[] = {"打电话", "打个电话", "发短信", "发个短信", "发微信",
                                     "发个微信", "发邮件", "发封邮件", "发个邮件", "订机票",
                                     "订酒店", "订外卖", "点外卖", "叫外卖", "叫车", "打车",
                                     "导航", "航班", "挂号", NULL};
    /* things the hub cannot tell, said anywhere: the news */
    static const char *const untold[] = {"news", "headlines", "新闻", NULL};
    static const char *const robots[] = {"HassVacuumReturnToBase", "HassLawnMowerDock", NULL};
    if (!utt || in_list(robots, l->intent)) return false;
    char rest[INTENT_LINE_MAX]; /* the free text says nothing of what is asked */
    snprintf(rest, sizeof rest, "%s", utt);
    for (int i = 0; i < l->n_slots; i++)
        if (intent_slot_kind(l->slots[i].name) == INTENT_SLOT_TEXT)
            blank_all(rest, l->slots[i].value);
    utt = rest;
    if (says_any(utt, zh) || says_any(utt, untold)) return true;
    /* the time or date somewhere else: the hub keeps only its own (北京时间 is China's own
     * clock, and 北京 and 上海 are left out) */
    static const char *const clocks[] = {"HassGetCurrentTime", "HassGetCurrentDate", NULL};
    static const char *const elsewhere[] = {
        "tokyo", "london", "paris", "new york", "sydney", "los angeles", "berlin", "moscow",
        "dubai", "singapore", "hong kong", "seoul", "toronto", "chicago", "san francisco",
        "rome", "madrid", "bangkok", "delhi", "mumbai", "japan", "china", "america",
        "australia", "france", "germany", "england", "india", "canada", "korea", "mexico",
        "brazil", "california", "europe", "asia", "东京", "伦敦", "巴黎", "纽约", "悉尼",
        "洛杉矶", "柏林", "莫斯科", "迪拜", "新加坡", "香港", "首尔", "多伦多", "芝加哥",
        "旧金山", "罗马", "马德里", "曼谷", "日本", "美国", "英国", "法国", "德国", "澳洲",
        "澳大利亚", "加拿大", "韩国", "印度", "欧洲", "国外", NULL};
    if (in_list(clocks, l->intent) && says_any(utt, elsewhere)) return true;
    int at[UTT_WORDS], len[UTT_WORDS];
    bool stop[UTT_WORDS];
    int n = utt_words(utt, at, len, stop), w = 0;
    while (w < n && word_in(utt + at[w], len[w], lead)) w++;
    return w < n && word_in(utt + at[w], len[w], verbs) &&
           !(w + 1 < n && word_in(utt + at[w + 1], len[w + 1], hub_after));
}

/* A broadcast where nobody is told anything: no word of announcing, telling or the household
 * is said ("lock the feed room, the raccoons got in again" heard as a broadcast of "the
 * raccoons got in", "remind me to call the dentist"). Every phrasing of a broadcast names the
 * announcing or who hears it. */
bool broadcast_unsaid(const struct intent_line *l, const char *utt)
{
    static const char *const words[] = {
        "tell", "announce", "announcement", "broadcast", "everyone", "everybody", "house",
        "family", "shout", "yell", "holler", "know", "intercom", "speakers", "say", "saying",
        "广播", "通知", "大家", "全家", "所有人", "每个人", "家里人", "全屋", "告诉", "说一声",
        "说一下", "喊", "叫", "宣布", "转告", NULL};
    /* announcing with a typo the mending left ("anonuncement", "annoucement") */
    static const char *const announcing[] = {"announc", "ounc", "nunc", "ouce", NULL};
    bool typo = false;
    for (int i = 0; announcing[i] && utt; i++) typo |= strcasestr(utt, announcing[i]) != NULL;
    return utt && !strcmp(l->intent, "HassBroadcast") && !says_any(utt, words) && !typo;
}

/* A Chinese request to play something with no word of playing, listening or watching said
 * (给爷爷约一个周六的体检, 把电饭煲预约到早上六点 heard as searches): not a request to play. */
bool media_unsaid(const struct intent_line *l, const char *utt)
{
    static const char *const play[] = {"播", "放", "听", "看", "来一", "来首", "来点", "来个",
                                       "来段", "来些", "唱", "搜", "找", "点一", "点首", "追",
                                       "刷", "开", "换", "推荐", "整", NULL};
    int k;
    if (!utt || strcmp(l->intent, "HassMediaSearchAndPlay")) return false;
    bool chinese = false;
    for (const char *p = utt; *p && !chinese; p++)
        chinese = zh_is_han((const unsigned char *)p, (int)strlen(p), &k);
    return chinese && !says_any(utt, play);
}

/* A robot's intent with no robot named and no word of its work said ("start the dishwasher"
 * heard as the mower, 打开车库的充电桩给车充电 as the vacuum going home): the house's robot is
 * not what was spoken of. Words are matched as word starts ("vac" of "vaucuming" aside). */
bool robot_unsaid(const struct intent_line *l, const char *utt)
{
    static const char *const mow[] = {"mow", "lawn", "grass", "yard", "garden", "割", "草",
                                      NULL};
    static const char *const vacuum[] = {
        "vac", "vau", "hoover", "clean", "robot", "roomba", "sweep", "mop", "dust", "tidy",
        "dirty", "filthy", "mess", "扫", "吸", "拖", "清", "机器人", "脏", NULL};
    /* going home is said of the robot without naming its work */
    static const char *const home[] = {"dock", "base", "home", "charg", "回", "归位", NULL};
    if (!utt || intent_line_get(l, "name")) return false;
    bool mower = !strncmp(l->intent, "HassLawnMower", 13);
    bool vac = !strncmp(l->intent, "HassVacuum", 10);
    if (!mower && !vac) return false;
    const char *const *words = mower ? mow : vacuum;
    bool going_home = !strcmp(l->intent, "HassVacuumReturnToBase") ||
                      !strcmp(l->intent, "HassLawnMowerDock");
    for (int pass = 0; pass < 1 + going_home; pass++, words = home)
        for (int i = 0; words[i]; i++) {
            bool ascii = (unsigned char)words[i][0] < 0x80;
            for (const char *p = utt; (p = ascii ? strcasestr(p, words[i]) : strstr(p, words[i]));
                 p++)
                if (!ascii || p == utt || !isalnum((unsigned char)p[-1])) return false;
        }
    return true;
}

/* ---- lights, mute, colours and locks ---- */

/* The domain and device class slots. */
uint32_t kind_mask(void)
{
    return (1u << intent_slot_index("domain")) | (1u << intent_slot_index("device_class"));
}

/* Lights the utterance does not speak of: the model fills domain=light in when it knows no
 * better ("switch off the thermostat", 打开电视, "lock the shed"). Only on/off and state lines
 * with no name: brightness and colour imply lights without the word. */
bool light_unsaid(const struct intent_line *l, const char *utt)
{
    static const char *const light_words[] = {
        "light",   "lights",  "lamp",   "lamps",   "lighting", "lightbulb", "lightbulbs",
        "bulb",    "bulbs",   "chandelier", "sconce", "sconces", "lantern", "lanterns",
        "led",     "leds",    "strip",  "lit",     "灯",       "照明",      "光",
        "dark",    "暗",      "黑",     NULL, /* darkness asks for light ("too dark in here") */
    };
    const char *domain = intent_line_get(l, "domain");
    if (!utt || !domain || strcmp(domain, "light") || intent_line_get(l, "name")) return false;
    if (strcmp(l->intent, "HassTurnOn") && strcmp(l->intent, "HassTurnOff") &&
        strcmp(l->intent, "HassGetState"))
        return false;
    return !says_any(utt, light_words);
}

/* Mute or on/off, by what the speaker says: the model hears "put the tv on mute" as turning it
 * on and "turn off the tv" / 关掉电视 as muting it. A word of muting turns on/off into mute
 * (unless it says unmute or "off mute"), and an unmute into mute when nothing lifts it (给小度
 * 静音; 取消…的静音 says 静音 too, and stays); an on/off verb with no word of sound at all turns
 * mute or unmute into on/off. */
bool mute_line(const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const unmute[] = {"unmute", "off mute", "取消静音", "解除静音", NULL};
    static const char *const mute[] = {"mute", "muted", "静音", NULL};
    static const char *const unmute_marks[] = {"unmute", "off mute", "un-mute", "取消", "解除",
                                               "关掉", "关闭", "关了", "去掉", "别", "不要",
                                               NULL};
    static const char *const sound[] = {"mute", "muted", "unmute", "sound", "audio", "volume",
                                        "quiet", "silence", "silent", "静音", "声音", "音量",
                                        "安静", "声", NULL};
    static const char *const on[] = {"turn on", "switch on", "power on", "打开", "开一下",
                                     "启动", NULL};
    static const char *const off[] = {"turn off", "switch off", "power off", "shut off",
                                      "关掉", "关闭", "关上", "关一下", NULL};
    const char *to = NULL;
    bool is_mute = !strcmp(l->intent, "HassMediaPlayerMute"),
         is_unmute = !strcmp(l->intent, "HassMediaPlayerUnmute"),
         is_on = !strcmp(l->intent, "HassTurnOn"), is_off = !strcmp(l->intent, "HassTurnOff");
    const char *name = intent_line_get(l, "name");
    if (!utt || !(is_mute || is_unmute || ((is_on || is_off) && name))) return false;
    if ((is_on || is_off) && says_any(utt, mute) && !says_any(utt, unmute))
        to = "HassMediaPlayerMute";
    else if (is_unmute && says_any(utt, mute) && !says_any(utt, unmute_marks))
        to = "HassMediaPlayerMute"; /* 给小度音箱静音, with no word that lifts it */
    else if ((is_mute || is_unmute) && !says_any(utt, sound)) {
        bool says_on = says_any(utt, on), says_off = says_any(utt, off);
        if (says_on != says_off) to = says_on ? "HassTurnOn" : "HassTurnOff";
    }
    if (!to) return false;
    /* the slots must make a combination of the new intent: the media player by name, or its
     * room (mute has name_only and area) */
    *out = *l;
    snprintf(out->intent, sizeof out->intent, "%s", to);
    return true;
}

/* Colour words and the colour each names (intent_line.c's closed list), in both languages: the
 * model learns the common ones from the corpus, but a colour it never saw (金色, "golden") it can
 * only guess, and a light is then set to the wrong colour. */
static const struct {
    const char *color;
    const char *words[8];
} resolve_colors[] = {
    {"white", {"white", "白色", "白光", NULL}},
    {"black", {"black", "黑色", NULL}},
    {"red", {"red", "crimson", "scarlet", "红色", "大红", NULL}},
    {"orange", {"orange", "橙色", "橘色", "橘黄色", "橙黄色", NULL}},
    {"yellow", {"yellow", "黄色", "明黄色", NULL}},
    {"green", {"green", "绿色", NULL}},
    {"blue", {"blue", "navy", "蓝色", "天蓝色", "深蓝色", NULL}},
    {"purple", {"purple", "lavender", "紫色", "淡紫色", NULL}},
    {"brown", {"brown", "棕色", "褐色", "咖啡色", NULL}},
    {"pink", {"pink", "粉色", "粉红色", "粉红", NULL}},
    {"turquoise", {"turquoise", "青绿色", "绿松石色", NULL}},
    {"cyan", {"cyan", "aqua", "青色", "蓝青色", NULL}},
    {"magenta", {"magenta", "fuchsia", "品红", "洋红", "紫红色", NULL}},
    {"violet", {"violet", "紫罗兰色", "紫罗兰", NULL}},
    {"indigo", {"indigo", "靛蓝", "靛青", NULL}},
    {"gold", {"gold", "golden", "金色", "金黄色", NULL}},
    {"silver", {"silver", "银色", "银白色", NULL}},
    {"lime", {"lime", "青柠色", "酸橙色", NULL}},
    {"teal", {"teal", "蓝绿色", "水鸭色", NULL}},
    {"amber", {"amber", "琥珀色", NULL}},
    {"warm white", {"warm white", "暖白色", "暖白光", "暖光", NULL}},
    {"cool white", {"cool white", "cold white", "冷白色", "冷白光", "冷光", NULL}},
};

/* The colour the utterance names, or NULL when it names none or two: the longest colour word
 * wins over the words inside it (品红 over 红, "warm white" over "white"); ASCII words count
 * only as whole words; words inside the device's name (the Red Lamp) do not count. *any (when
 * not NULL) is set when a colour word is said at all. */
static const char *color_said(const char *utt, const char *name, bool *any)
{
    const char *best = NULL;
    size_t best_len = 0, best_at = 0;
    bool two = false;
    for (size_t c = 0; c < sizeof resolve_colors / sizeof resolve_colors[0]; c++)
        for (int w = 0; resolve_colors[c].words[w]; w++) {
            const char *word = resolve_colors[c].words[w];
            size_t wl = strlen(word);
            bool ascii = (unsigned char)word[0] < 0x80;
            for (const char *p = utt; (p = ascii ? strcasestr(p, word) : strstr(p, word));
                 p += wl) {
                if (ascii && ((p > utt && isalnum((unsigned char)p[-1])) ||
                              isalnum((unsigned char)p[wl])))
                    continue;
                if (name && (ascii ? strcasestr(name, word) : strstr(name, word))) continue;
                if (any) *any = true;
                size_t at = (size_t)(p - utt);
                if (best && at >= best_at && at + wl <= best_at + best_len) continue; /* inside */
                if (best && best_at >= at && best_at + best_len <= at + wl) {
                    best = resolve_colors[c].color, best_len = wl, best_at = at; /* around */
                    continue;
                }
                if (best && strcmp(best, resolve_colors[c].color)) two = true;
                best = resolve_colors[c].color, best_len = wl, best_at = at;
            }
        }
    return two ? NULL : best;
}

/* "Paint the moon lamp in lime", "make it turquoise on the second floor" heard as something
 * else than colouring a light (the volume, the previous track): the colour said set on the light
 * said, or on the lights of the place the line keeps (HassLightSet). Needs a verb of colouring
 * and one colour said outside the names of the light and of the house's places (the red lamp,
 * the green room); intents whose free text may hold a colour (a title, a message, an item) and
 * a named device that is no light stay. */
bool color_said_line(const struct resolve_registry *r, const struct intent_schema *schema,
                     const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const colouring[] = {"paint", "make it", "make them", "colour", "color",
                                            NULL};
    static const char *const free_text[] = {
        "HassLightSet", "HassMediaSearchAndPlay", "HassBroadcast", "HassStartTimer",
        "HassListAddItem", "HassListCompleteItem", "HassListRemoveItem", "HassShoppingListAddItem",
        "HassShoppingListCompleteItem", NULL};
    static const char *const places[] = {"area", "floor", NULL};
    const char *name = intent_line_get(l, "name");
    if (!schema || !utt || in_list(free_text, l->intent) || !says_any(utt, colouring))
        return false;
    const struct resolve_item *named = line_entity(r, l);
    if (named && named->domain && strcmp(named->domain, "light")) return false;
    if (!name) {
        const struct resolve_item *e = said_entity_of(r, utt, "light");
        name = e ? e->name : NULL;
    }
    char rest[INTENT_LINE_MAX];
    snprintf(rest, sizeof rest, "%s", utt);
    blank_all(rest, name);
    if (named) blank_all(rest, named->name);
    for (int i = 0; places[i]; i++) blank_all(rest, intent_line_get(l, places[i]));
    for (int i = 0; i < r->n_area; i++) blank_all(rest, r->area[i].name);
    for (int i = 0; i < r->n_floor; i++) blank_all(rest, r->floor[i].name);
    const char *color = color_said(rest, NULL, NULL);
    if (!color) return false;
    memset(out, 0, sizeof *out);
    snprintf(out->intent, sizeof out->intent, "%s", "HassLightSet");
    if (name) {
        if (intent_line_add(out, "name", name) != HUB_OK) return false;
    } else {
        for (int i = 0; places[i]; i++) {
            const char *v = intent_line_get(l, places[i]);
            if (v && !color_said(v, NULL, NULL) &&
                intent_line_add(out, places[i], v) != HUB_OK)
                return false;
        }
        if (intent_line_add(out, "domain", "light") != HUB_OK) return false;
    }
    return intent_line_add(out, "color", color) == HUB_OK &&
           intent_def_combo(intent_schema_find(schema, out->intent), intent_line_mask(out));
}

static int switch_verb(const char *utt);

/* A colour other than the one said: the one said. A light coloured with no colour said at all
 * and nothing else set ("kill the lights in the rec room" heard as red) is switched the way
 * the verb of switching said, or the line stays. */
bool color_line(const struct intent_schema *schema, const struct intent_line *l,
                const char *utterance, struct intent_line *out)
{
    const char *color = intent_line_get(l, "color");
    if (!color || !utterance) return false;
    bool any = false;
    const char *said = color_said(utterance, intent_line_get(l, "name"), &any);
    if (!any && schema && !strcmp(l->intent, "HassLightSet") &&
        !intent_line_get(l, "brightness") && !intent_line_get(l, "temperature")) {
        int verb = switch_verb(utterance);
        if (!verb || !line_without(l, 1u << intent_slot_index("color"), out)) return false;
        snprintf(out->intent, sizeof out->intent, "%s", verb > 0 ? "HassTurnOn" : "HassTurnOff");
        return intent_def_combo(intent_schema_find(schema, out->intent), intent_line_mask(out));
    }
    if (!said || !strcmp(said, color)) return false;
    return line_with(l, "color", said, out);
}

/* Which way the utterance turns a lock: 1 lock, -1 unlock, 0 it does not say. */
static int lock_verb(const char *utt)
{
    static const char *const unlock[] = {"unlock", "解锁", "开锁", "打开", "解开", "开门",
                                         "开一下", "开下", NULL};
    static const char *const lock[] = {"锁上", "锁好", "上锁", "锁住", "反锁", "锁起来", "锁一下",
                                       NULL};
    for (int i = 0; unlock[i]; i++)
        if (strcasestr(utt, unlock[i])) return -1;
    for (int i = 0; lock[i]; i++)
        if (strstr(utt, lock[i])) return 1;
    for (const char *p = utt; (p = strcasestr(p, "lock")); p += 4) /* the word, not "blocks" */
        if ((p == utt || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[4]))
            return 1;
    return 0;
}

/* +1 when the utterance says only verbs of switching on ("activate my arc lamp"), -1 only of
 * switching off, 0 for both or neither. */
static int switch_verb(const char *utt)
{
    static const char *const on[] = {"turn on", "switch on", "power on", "activate", "enable",
                                     "fire up", "打开", "开启", "启动", "开灯", "开一下", NULL};
    static const char *const off[] = {"turn off", "switch off", "power off", "shut off",
                                      "shut down", "deactivate", "disable", "kill", "关掉",
                                      "关闭", "关上", "关灯", "关一下", NULL};
    char rest[INTENT_LINE_MAX]; /* 断开灯 holds no 开灯 */
    snprintf(rest, sizeof rest, "%s", utt);
    blank_all(rest, "断开");
    bool says_on = says_any(rest, on), says_off = says_any(rest, off);
    return says_on == says_off ? 0 : says_on ? 1 : -1;
}

/* +1 when the utterance says only verbs of opening a cover ("raise the blinds", 拉开窗帘), -1
 * only of closing one, 0 for both or neither. An awning is closed by drawing it in (收起来,
 * "retract"); a shade "rolled up" is open, so 收起 says nothing of other covers. */
static int cover_verb(const char *utt, bool awning)
{
    static const char *const open[] = {"open", "raise", "lift", "roll up", "draw back",
                                       "打开", "拉开", "升起", "升上去", "卷起", "开启", NULL};
    static const char *const close[] = {"close", "shut", "lower", "roll down", "关上", "关闭",
                                        "关掉", "拉上", "合上", "放下", "降下", "落下", "拉严",
                                        NULL};
    static const char *const awning_open[] = {"extend", "展开", "撑开", "放出来", NULL};
    static const char *const awning_close[] = {"retract", "收起", "收回", "收一下", "收了",
                                               "收好", NULL};
    bool says_open = says_any(utt, open) || (awning && says_any(utt, awning_open));
    bool says_close = says_any(utt, close) || (awning && says_any(utt, awning_close));
    return says_open == says_close ? 0 : says_open ? 1 : -1;
}

/* The one device of the domain the utterance names, turned on (verb 1) or off (-1) where the
 * line heard something else: not for a question (is it locked?), nor where the line names
 * another device, or another kind than a cover (a door or gate heard as one), or a place. */
static bool named_device_line(const struct resolve_registry *r,
                              const struct intent_schema *schema, const struct intent_line *l,
                              const char *utt, const char *domain, int verb,
                              struct intent_line *out)
{
    static const char *const asking[] = {"is", "are", "was", "did", "does", "do", "has", "吗",
                                         "是不是", "有没有", "没有", NULL};
    if (!verb || says_any(utt, asking) || strchr(utt, '?') || strstr(utt, "？")) return false;
    const struct resolve_item *dev = said_entity_of(r, utt, domain);
    if (!dev) return false;
    const struct resolve_item *e = line_entity(r, l);
    const char *kind = intent_line_get(l, "domain");
    if (e == dev || (e && e->domain && strcmp(e->domain, domain)) ||
        (kind && strcmp(kind, "cover") && strcmp(kind, domain)) ||
        intent_line_get(l, "area") || intent_line_get(l, "floor"))
        return false;
    memset(out, 0, sizeof *out);
    snprintf(out->intent, sizeof out->intent, "%s", verb > 0 ? "HassTurnOn" : "HassTurnOff");
    return intent_line_add(out, "name", dev->name) == HUB_OK &&
           intent_def_combo(intent_schema_find(schema, out->intent), intent_line_mask(out));
}

/* A lock of the house named with a verb of locking ("lock up the side gate", "unlock the back
 * door, the vet's here") heard as something else (a gate the house lacks, unmuting, a broadcast
 * nobody announced): that lock, locked or unlocked as said; a scene or script named with a verb
 * of running ("run the close up the barn script", 运行离家布防) heard so: that one run. */
bool device_said_line(const struct resolve_registry *r, const struct intent_schema *schema,
                      const struct intent_line *l, const char *utt, struct intent_line *out)
{
    static const char *const lock_words[] = {"lock", "unlock", "锁", NULL};
    static const char *const run_words[] = {"run", "activate", "trigger", "execute", "运行",
                                            "执行", "启动", "激活", NULL};
    static const char *const runnable[] = {"script", "scene", NULL};
    if (!schema || !utt || (!strcmp(l->intent, "HassBroadcast") && !broadcast_unsaid(l, utt)))
        return false; /* a broadcast said may tell of locks and scenes */
    if (says_any(utt, lock_words) &&
        named_device_line(r, schema, l, utt, "lock", lock_verb(utt), out))
        return true;
    for (int i = 0; runnable[i]; i++)
        if (says_any(utt, run_words) && named_device_line(r, schema, l, utt, runnable[i], 1, out))
            return true;
    return false;
}

/* A lock turned the other way than the verb said ("lock the front door please" heard as
 * HassTurnOff, which unlocks): the verb decides. Locks are where a wrong direction does harm,
 * and the verb is one word the small model can miss among the others. So do the verbs of
 * switching for what is switched ("activate my arc lamp" heard as turning it off; not scenes or
 * scripts) and of opening and closing for covers (天台遮阳篷收起来 heard as opening it). */
bool lock_direction_line(const struct resolve_registry *r, const struct intent_line *l,
                         const char *utterance, struct intent_line *out)
{
    bool on = !strcmp(l->intent, "HassTurnOn");
    if (!utterance || (!on && strcmp(l->intent, "HassTurnOff"))) return false;
    const char *domain = intent_line_get(l, "domain");
    const struct resolve_item *e = line_entity(r, l);
    bool is_lock = (domain && !strcmp(domain, "lock")) ||
                   (e && e->domain && !strcmp(e->domain, "lock"));
    const char *kind = is_lock ? NULL : e && e->domain ? e->domain : domain;
    bool switched = kind && (!strcmp(kind, "light") || !strcmp(kind, "switch") ||
                             !strcmp(kind, "fan") || !strcmp(kind, "input_boolean") ||
                             !strcmp(kind, "media_player"));
    int verb = is_lock ? lock_verb(utterance) : switched ? switch_verb(utterance) : 0;
    if (kind && !strcmp(kind, "cover")) {
        const char *dc = intent_line_get(l, "device_class");
        bool awning = (dc && !strcmp(dc, "awning")) ||
                      (e && e->device_class && !strcmp(e->device_class, "awning"));
        char rest[INTENT_LINE_MAX]; /* "Shutter" or 卷帘 of a name is no verb */
        snprintf(rest, sizeof rest, "%s", utterance);
        if (e) blank_all(rest, e->name);
        verb = cover_verb(rest, awning);
    }
    if (!verb || (verb > 0) == on) return false;
    *out = *l;
    snprintf(out->intent, sizeof out->intent, "%s", on ? "HassTurnOff" : "HassTurnOn");
    return true;
}

/* ---- media ---- */

/* A media class the utterance names no class of: "play taylor swift on the kitchen speaker"
 * or 放流行歌曲 written with media_class=track. The class is a word the speaker says outside the
 * query ("the album", "songs by", 电影, 的歌); a class word inside the query (流行歌曲) or none at
 * all leaves the search to the media player. Written to *out without media_class; false when
 * the line stays. */
bool media_class_line(const struct intent_def *d, const struct intent_line *l, const char *utt,
                      struct intent_line *out)
{
    static const char *const class_words[] = {
        "album", "albums", "record", "song", "songs", "track", "tracks", "tune", "tunes", "single",
        "playlist", "playlists", "movie", "movies", "film", "films", "show", "shows", "series",
        "episode", "episodes", "podcast", "podcasts", "artist", "band", "singer", "by", "专辑",
        "歌", "曲", "首", "歌单", "播放列表", "电影", "片", "剧", "节目", "综艺", "播客", "歌手",
        "乐队", NULL};
    const char *query = intent_line_get(l, "search_query");
    if (!d || !utt || !intent_line_get(l, "media_class")) return false;
    char rest[INTENT_LINE_MAX];
    snprintf(rest, sizeof rest, "%s", utt);
    /* the query's own words name no class */
    char *at = query && *query ? strcasestr(rest, query) : NULL;
    if (at) memset(at, ' ', strlen(query));
    if (says_any(rest, class_words)) return false;
    return line_without(l, 1u << intent_slot_index("media_class"), out) &&
           intent_def_combo(d, intent_line_mask(out));
}
