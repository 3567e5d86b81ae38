// The only script of the report: copy a draft's text with one click. Where the clipboard is not
// available, the text is selected instead, for the usual copy keys.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const text = document.getElementById(button.dataset.copy);
  const selectIt = () => {
    window.getSelection().selectAllChildren(text);
    button.textContent = "Selected: copy it with your keys";
  };
  if (!navigator.clipboard) {
    selectIt();
    return;
  }
  navigator.clipboard.writeText(text.textContent).then(
    () => { button.textContent = "Copied"; },
    selectIt,
  );
});
