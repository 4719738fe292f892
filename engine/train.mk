# engine/train.mk: the BPE tokenizer trainer and the model trainer.
