// English messages of the import's question and result; keys shared with importing.th.ts.
export const importingEn = {
  "import.confirmTitle": "Confirm the import",
  "import.confirmItems": "Import {items} items",
  "import.confirmRows": "from {rows} rows of {file}",
  "import.confirmLeftOut": "{rows} rows with errors are left out (save them as a file to fix after the import)",
  "import.confirmCreate": "Also created: {names}",
  "import.confirmUndoable": "The whole batch can be undone while nobody has changed its items",
  "import.undoTitle": "Confirm undoing the import",
  "import.undoConfirm": "Remove {items} imported items",
  "import.undoWhat": "Every item of batch {batch} ({file}) will be removed from the register",
  "import.newCodes": "New codes {first} to {last} ({count} items)",
  "import.newCode": "New code {first}",
  "import.showCodes": "Show all codes",
  "import.hideCodes": "Hide the codes",
  "import.saveRefused": "Save the rows left out ({rows}) as an Excel file to fix",
  "import.savedRefused": "Saved {rows} rows to {path}; fix them there and import that file",
} as const;
