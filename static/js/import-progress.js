// While an import is being checked or written in the background, reload its page every two
// seconds so that the progress bar and, at the end, the result appear by themselves.
(function () {
  if (!document.querySelector("[data-import-busy]")) return;
  window.setTimeout(function () { window.location.reload(); }, 2000);
})();
