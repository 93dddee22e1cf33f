// V8's heap settings for the platform's Node process: node arguments, passed by whatever starts it
// (`npm start`, docs/deploy/uia.service, the bench). Under load V8 grows the young generation to two
// semi-spaces of 16 MiB each and keeps them committed; half that keeps 16–32 MiB less resident: a
// node holding 10,000 waiting QR pages needed 254–283 MB instead of 301–306 MB. The price is paid
// where many requests are in flight at once (more of their objects live through a scavenge and get
// copied): measured interleaved, a refresh grant took the same CPU at 4 and 16 connections and 4–9 %
// more at 64; password logins the same. With 2 MiB semi-spaces a grant took 15 % more already at 16.
// Numbers in bench/README.md ("Fifth session").
export const V8_HEAP_FLAGS = ['--max-semi-space-size=8'];
