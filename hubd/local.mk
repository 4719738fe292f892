# hubd/: targets of this folder (see ../Makefile.am).
