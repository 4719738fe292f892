#!/bin/sh
# make-copy-words.sh: writes data/words/en-copy.words and data/words/zh-CN-copy.words, the real
# words that synthesized items, queries, messages and timer names are made of in the training
# split ({w:copy_words} in the [synth_*] sections). The word lists name a few hundred goods;
# a model that has only ever copied those learns them by heart and cuts unseen ones short
# ("oat milk" copied as "milk"). Dictionary words it has never seen in any role teach it to copy
# whatever stands between the verb and the list.
#
# Sources: Debian's wamerican (/usr/share/dict/american-english) and python3-jieba's dict.txt
# (nouns only). A word that appears anywhere in our templates or word lists, held-out lines
# included, is left out, so no held-out name or phrasing reaches training this way. The output
# is committed; this script only documents and repeats how it was made:
#     apt-get install wamerican python3-jieba && sh data/make-copy-words.sh
set -eu
cd "$(dirname "$0")"
EN_DICT=${EN_DICT:-/usr/share/dict/american-english}
ZH_DICT=${ZH_DICT:-/usr/lib/python3/dist-packages/jieba/dict.txt}
for f in "$EN_DICT" "$ZH_DICT"; do
    [ -r "$f" ] || { echo "make-copy-words: cannot read $f" >&2; exit 1; }
done
export LC_ALL=C
own=$(mktemp)
trap 'rm -f "$own"' EXIT

# English: lower-case words of 4-10 letters that no template or word list spells, every 9th.
{
    echo "# Copy-practice words (data/make-copy-words.sh; from wamerican, minus our own words)."
    echo "[copy_words]"
    cat templates/en*.tpl words/en.words | tr 'A-Z' 'a-z' | tr -cs 'a-z' '\n' | sort -u > "$own"
    grep -E '^[a-z]{4,10}$' "$EN_DICT" | sort -u | comm -23 - "$own" | awk 'NR % 9 == 0'
} > words/en-copy.words

# Chinese: nouns of two or three characters (jieba tag n, frequency >= 300) that no template or
# word list contains. Byte-wise search is exact for UTF-8.
{
    echo "# 抄写练习词（data/make-copy-words.sh；取自 jieba 词典的名词，去掉我们自己用过的词）"
    echo "[copy_words]"
    cat templates/zh-CN*.tpl words/zh-CN.words | tr -d ' \t' > "$own"
    awk -v own="$own" '
        BEGIN { while ((getline l < own) > 0) text = text "\n" l }
        $3 == "n" && $2 >= 300 && length($1) >= 6 && length($1) <= 9 && $1 !~ /[ -~]/ \
            && !index(text, $1) { print $1 }' "$ZH_DICT"
} > words/zh-CN-copy.words
echo "make-copy-words: $(($(wc -l < words/en-copy.words) - 2)) English, $(($(wc -l < words/zh-CN-copy.words) - 2)) Chinese words"
