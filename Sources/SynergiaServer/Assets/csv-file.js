// Reads a chosen CSV file into the form's text area, so the upload is an
// ordinary form post; without JavaScript, people paste the file's text.
document.querySelectorAll('input[type=file][data-fills]').forEach(function (input) {
  input.addEventListener('change', function () {
    var file = input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      document.getElementById(input.dataset.fills).value = reader.result;
      document.getElementById('csv-name').value = file.name;
    };
    reader.readAsText(file);
  });
});
