// glibc's allocator settings for the platform's Node process, set by whatever starts it (they are read
// once, when the process starts). Argon2id allocates 19 MiB per hash; by default glibc raises its mmap
// threshold after the first such buffer is freed, so later ones come from the heap arenas (one per
// libuv thread) and stay in RSS. A fixed threshold keeps every such buffer mmap'ed (returned on free),
// and two arenas bound what the threads keep besides. A fresh mapping costs a page fault per 4 KiB
// page (~4,900 per hash, ~5 ms of CPU on the bench machine); glibc.malloc.hugetlb=1 (glibc 2.35+)
// asks for transparent huge pages on such mappings, 2 MiB per fault, where the kernel's THP mode is
// `madvise` or `always` (elsewhere, and on older glibc, it changes nothing). Values an operator
// already set win.
export const GLIBC_MALLOC_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' };

// The other way to bound RSS, for an operator who would rather spend memory than CPU (docs/deployment.md):
// keep each buffer for the next hash instead of returning it. One arena, a threshold above 19 MiB and no
// trimming hold at most one buffer per concurrent hash (the hasher allows one per core) and fault in
// none; the bench's RSS row measures both ways.
export const GLIBC_MALLOC_KEEP_ENV = {
  MALLOC_ARENA_MAX: '1',
  MALLOC_MMAP_THRESHOLD_: '33554432',
  MALLOC_TRIM_THRESHOLD_: '268435456',
  GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1',
};

/** `env` with the settings above where it has none of its own. */
export const withGlibcMalloc = (env) => ({ ...GLIBC_MALLOC_ENV, ...env });
