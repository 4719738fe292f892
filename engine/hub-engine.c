/*
 * hub-engine.c: the engine's command-line program. `hub-engine COMMAND [flags]` dispatches to
 * one function per subcommand (engine/commands.h); each parses its own flags.
 */
#include <stdio.h>
#include <string.h>

#include "engine/commands.h"

struct hub_engine_cmd {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *help;
};

static const struct hub_engine_cmd hub_engine_cmds[] = {
    {"info", hub_engine_cmd_info, "--model M: metadata and tensor table"},
    {"tokenize", hub_engine_cmd_tokenize, "--model M [--text T]: token ids of a text"},
    {"logits", hub_engine_cmd_logits,
     "--model M (--tokens 1,2,3 | --text T) [--backend cpu|cuda|auto]: final-position logits, "
     "one per line"},
    {"generate", hub_engine_cmd_generate,
     "--model M (--tokens 1,2,3 | --text T) [-n 16] [--greedy | --temp T --top-k K --top-p P "
     "--seed S] [--ids] [--ctx N]"},
    {"bench", hub_engine_cmd_bench,
     "--model M [--threads N] [--prompt N] [--gen N] [--reps R] [--backend cpu|cuda|auto] [--roofline]"},
    {"make-model", hub_engine_cmd_make_model,
     "--out F [--type q8_0|q4_k|q4_0|f16|f32] [--embd 1024] [--layers 12] [--experts 32] "
     "[--used 4] [--ff-exp 256] [--vocab 16384] [--shape v2-lite] [--threads N]: random "
     "deepseek2 file"},
    {"intent", hub_engine_cmd_intent,
     "[--model M] --fixtures F.json [--lang en|zh-CN]: JSON lines of utterances -> intents"},
    {"experts", hub_engine_cmd_experts,
     "--model M --eval F.jsonl [--eval F2 ...] [--top N]: expert load per MoE layer and what "
     "each expert takes (languages, token kinds, intents)"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: hub-engine COMMAND [flags]   (every command takes --threads N)\n");
    for (size_t i = 0; i < sizeof(hub_engine_cmds) / sizeof(hub_engine_cmds[0]); i++)
        fprintf(out, "  %-9s %s\n", hub_engine_cmds[i].name, hub_engine_cmds[i].help);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof(hub_engine_cmds) / sizeof(hub_engine_cmds[0]); i++)
        if (!strcmp(argv[1], hub_engine_cmds[i].name))
            return hub_engine_cmds[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "hub-engine: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
