# hubd/store.mk: the SQLite store (hubd/libhubstore.a).
