// The page's first call to the program costs 25–45 ms more than any call after it (measured
// on the start-up benchmark's register: the web view opens its channel to the program).
// The program usually hands the first screen's status to the page before it starts
// (first_status_script in src-tauri/src/lib.rs); where it did not (a PC paired with the
// office host, a reload), it is asked from here, before the app's own script is fetched and
// parsed, so that it is on its way meanwhile. src/lib/state.svelte.ts takes it either way.
// In a browser on the office host there is no shell, and the app asks the usual way.
"use strict";
if (window.__TAURI_INTERNALS__ && !window.__phatsaduFirstStatus) {
  window.__phatsaduFirstStatus = window.__TAURI_INTERNALS__.invoke("call", {
    operation: "app_status",
    input: null,
    key: null,
  });
  // Taken (and its failure handled) by the app; never an unhandled rejection here.
  window.__phatsaduFirstStatus.catch(function () {});
}
