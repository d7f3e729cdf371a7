/*
 * Loads Node's own fetch implementation (its bundled undici) before this package loads undici 7.
 *
 * Both undici majors share one global-dispatcher slot, and whichever loads first installs its
 * Agent there. If undici 7 came first, Node 20's fetch (undici 6) would send every request
 * through an undici-7 Agent, which rejects what Node's fetch sends in some cases (a body whose
 * Content-Length the caller also set, as oci-common does for instance-principal federation:
 * nodejs/undici#5500) and so breaks other libraries' fetch calls in the same process. Reading
 * the lazy `Headers` global makes Node load its undici now; undici 7 then finds a dispatcher
 * installed and leaves it alone. This package never uses the global dispatcher itself: each
 * client has its own Agent, or the one injected.
 */
void globalThis.Headers;
