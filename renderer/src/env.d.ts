// Vite handles asset and CSS imports; this gives tsc their types.
/// <reference types="vite/client" />
