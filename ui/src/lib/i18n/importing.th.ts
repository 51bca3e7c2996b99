// Thai messages of the import's question and result (นำเข้าจาก Excel); keys shared with
// importing.en.ts.
export const importingTh = {
  "import.confirmTitle": "ยืนยันการนำเข้า",
  "import.confirmItems": "นำเข้า {items} รายการ",
  "import.confirmRows": "จาก {rows} แถวของไฟล์ {file}",
  "import.confirmLeftOut": "ไม่นำเข้า {rows} แถวที่ผิดพลาด (บันทึกเป็นไฟล์ไว้แก้ไขได้หลังนำเข้า)",
  "import.confirmCreate": "จะสร้างใหม่ด้วย: {names}",
  "import.confirmUndoable": "ยกเลิกการนำเข้าทั้งชุดได้ ตราบที่ยังไม่มีใครแก้ไขรายการเหล่านี้",
  "import.undoTitle": "ยืนยันการยกเลิกการนำเข้า",
  "import.undoConfirm": "ลบ {items} รายการที่นำเข้า",
  "import.undoWhat": "รายการทั้งหมดของชุดที่ {batch} ({file}) จะถูกลบออกจากทะเบียน",
  "import.newCodes": "รหัสใหม่ {first} ถึง {last} ({count} รายการ)",
  "import.newCode": "รหัสใหม่ {first}",
  "import.showCodes": "แสดงรหัสทั้งหมด",
  "import.hideCodes": "ซ่อนรหัส",
  "import.saveRefused": "บันทึกแถวที่ไม่นำเข้า ({rows} แถว) เป็นไฟล์ Excel เพื่อแก้ไข",
  "import.savedRefused": "บันทึก {rows} แถวไว้ที่ {path} แก้ไขในไฟล์นั้นแล้วนำเข้าใหม่",
} as const;
