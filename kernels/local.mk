# kernels/: targets of this folder (see ../Makefile.am).
