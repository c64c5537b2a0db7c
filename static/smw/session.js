// The session warning (templates/_session_warning.html): a few minutes before the session
// ends, say so. Idle, "Stay signed in" starts the idle time again with one request; at the
// maximum of the sign-in nothing can, so the warning asks to save now.
(function () {
  "use strict";
  const box = document.getElementById("session-warning");
  if (!box) return;
  const text = document.getElementById("session-warning-text");
  const extend = box.querySelector("[data-session-extend]");
  const close = box.querySelector("[data-session-close]");
  const ms = (name) => Number(box.dataset[name]) * 1000;
  const maxEnd = Date.now() + ms("left");
  let timers = [];
  let returnFocus = null;

  function show(message, canExtend) {
    text.textContent = message;
    extend.hidden = !canExtend;
    if (box.hidden) {
      returnFocus = document.activeElement;
      box.hidden = false;
    }
    (canExtend ? extend : close).focus();
  }

  function hide() {
    box.hidden = true;
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
    returnFocus = null;
  }

  // Every request of the page (this one, htmx's, "Stay signed in") starts the idle time again.
  function schedule() {
    timers.forEach(clearTimeout);
    const idleEnd = Date.now() + ms("idle");
    const atMax = maxEnd <= idleEnd;
    const end = Math.min(idleEnd, maxEnd);
    const message = box.dataset[atMax ? "textMax" : "textIdle"];
    timers = [
      setTimeout(() => show(message, !atMax), Math.max(0, end - ms("warn") - Date.now())),
      setTimeout(() => show(box.dataset.textEnded, false), Math.max(0, end - Date.now())),
    ];
  }

  extend.addEventListener("click", async () => {
    try {
      const response = await fetch(box.dataset.extendUrl, {
        method: "POST",
        headers: { "X-CSRFToken": box.dataset.csrf },
        credentials: "same-origin",
        redirect: "manual", // an ended session answers with the login page: not a success
      });
      if (response.status !== 204) throw new Error(`HTTP ${response.status}`);
      schedule();
      hide();
    } catch {
      show(box.dataset.textFailed, false);
    }
  });
  close.addEventListener("click", hide);
  box.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });
  document.addEventListener("htmx:afterRequest", schedule);
  schedule();
})();
