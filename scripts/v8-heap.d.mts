export declare const V8_HEAP_FLAGS: readonly string[];
