/* commands.h: hub-engine's subcommands, one function each; argv[0] is the subcommand's name.
 * Each returns the process exit status (0 ok, 1 failure, 2 usage). */
#ifndef HUB_ENGINE_COMMANDS_H
#define HUB_ENGINE_COMMANDS_H
int hub_engine_cmd_info(int argc, char **argv);     /* engine/cmd_format.c */
int hub_engine_cmd_tokenize(int argc, char **argv); /* engine/cmd_format.c */
int hub_engine_cmd_logits(int argc, char **argv);   /* engine/cmd_model.c */
int hub_engine_cmd_generate(int argc, char **argv); /* engine/cmd_model.c */
int hub_engine_cmd_bench(int argc, char **argv);    /* engine/cmd_model.c */
int hub_engine_cmd_make_model(int argc, char **argv); /* engine/cmd_model.c */
int hub_engine_cmd_intent(int argc, char **argv); /* engine/cmd_intent.c */
int hub_engine_cmd_experts(int argc, char **argv); /* engine/cmd_experts.c */
#endif
