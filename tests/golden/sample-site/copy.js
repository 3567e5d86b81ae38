// The only script of the report: copy a draft's text with one click. Without it (or without
// clipboard access), the text can still be selected and copied by hand.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const text = document.getElementById(button.dataset.copy).textContent;
  navigator.clipboard.writeText(text).then(
    () => { button.textContent = "Copied"; },
    () => { button.textContent = "Select the text to copy it"; },
  );
});
