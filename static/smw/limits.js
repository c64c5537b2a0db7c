// Limits that say so: a text field with a maxlength shows the room left while typing, and a
// paste or drop that does not fit is refused with a message instead of being cut by the
// browser without a word. The words come from the script tag's data attributes (base.html).
(function () {
  "use strict";
  const words = document.currentScript.dataset;
  const FIELDS = "textarea[maxlength], input[maxlength]";
  // Inputs are mostly short and well within their limit: their count shows near the end only.
  const INPUT_NEAR_END = 0.2;
  const THROTTLE_MS = 400;

  // Counted as the server counts: a line break of a textarea is posted as two characters.
  function size(field, value) {
    const text = value.replace(/\r\n/g, "\n");
    if (field.tagName !== "TEXTAREA") return text.replace(/\n/g, "").length;
    return text.length + (text.match(/\n/g) || []).length;
  }

  const limit = (field) => Number(field.getAttribute("maxlength"));
  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (match, name) => String(values[name] ?? match));

  function counterOf(field) {
    if (field.smwCounter) return field.smwCounter;
    const counter = document.createElement("div");
    counter.className = "form-text";
    counter.id = `${field.id || field.name}-room`;
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    const described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", described ? `${described} ${counter.id}` : counter.id);
    field.smwCounter = counter;
    return counter;
  }

  function update(field) {
    const counter = counterOf(field);
    const room = limit(field) - size(field, field.value);
    const over = room < 0;
    let message;
    if (over) message = fill(-room === 1 ? words.overOne : words.overMany, { n: -room });
    else message = fill(room === 1 ? words.roomOne : words.roomMany, { n: room });
    counter.textContent = message;
    counter.classList.toggle("text-danger", over);
    counter.hidden = field.tagName !== "TEXTAREA" && room > limit(field) * INPUT_NEAR_END;
  }

  // The count changes with every key; it is written (and read out) a few times a second.
  const waiting = new Set();
  let timer = null;
  function updateSoon(field) {
    waiting.add(field);
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      waiting.forEach(update);
      waiting.clear();
    }, THROTTLE_MS);
  }

  function refuseWhatDoesNotFit(event, incoming) {
    const field = event.target;
    if (!(field instanceof Element) || !field.matches(FIELDS)) return;
    const value = field.value;
    const start = field.selectionStart ?? value.length;
    const end = field.selectionEnd ?? value.length;
    const room = limit(field) - size(field, value.slice(0, start) + value.slice(end));
    const needed = size(field, incoming);
    if (needed <= room) return;
    event.preventDefault();
    const counter = counterOf(field);
    counter.hidden = false;
    counter.classList.add("text-danger");
    counter.textContent = fill(words.refused, { n: needed, room: Math.max(0, room) });
  }

  function start(root) {
    root.querySelectorAll(FIELDS).forEach((field) => {
      if (!field.smwCounter && field.type !== "hidden") update(field);
    });
  }

  document.addEventListener("input", (event) => {
    if (event.target instanceof Element && event.target.matches(FIELDS)) updateSoon(event.target);
  });
  document.addEventListener("paste", (event) =>
    refuseWhatDoesNotFit(event, event.clipboardData?.getData("text/plain") ?? ""),
  );
  document.addEventListener("drop", (event) =>
    refuseWhatDoesNotFit(event, event.dataTransfer?.getData("text/plain") ?? ""),
  );
  document.addEventListener("htmx:load", (event) => start(event.target));
  start(document);
})();
