// The only script file of the report: copy a draft's text, or a command, with one click. A button
// copies the element its data-copy names, else the <code> beside it. Where the clipboard is not
// available, the text is selected instead, for the usual copy keys.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const text = button.dataset.copy
    ? document.getElementById(button.dataset.copy)
    : button.parentElement.querySelector("code");
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
