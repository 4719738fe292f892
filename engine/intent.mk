# engine/intent.mk: constrained intent decoding and the resolver.
