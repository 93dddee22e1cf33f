export declare const GLIBC_MALLOC_ENV: Record<string, string>;
export declare const GLIBC_MALLOC_KEEP_ENV: Record<string, string>;
export declare function withGlibcMalloc<T extends Record<string, string | undefined>>(env: T): T & Record<string, string>;
