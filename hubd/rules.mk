# hubd/rules.mk: the automation rules engine.
