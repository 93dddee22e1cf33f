// V8's heap settings for the platform's Node process: node arguments, passed by whatever starts it
// (`npm start`, docs/deploy/uia.service, the bench). Under load V8 grows the young generation to two
// semi-spaces of 16 MiB each and keeps them committed; half that keeps 16 MiB less resident (about a
// twentieth of a node holding 10,000 waiting QR pages) and, measured interleaved, costs refresh grants
// and password logins no CPU worth telling from the noise. Smaller costs: with 2 MiB semi-spaces a
// refresh grant took 15 % more CPU (more objects live through a scavenge and are copied). bench/README.md.
export const V8_HEAP_FLAGS = ['--max-semi-space-size=8'];
