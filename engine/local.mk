# engine/: targets of this folder (see ../Makefile.am).
