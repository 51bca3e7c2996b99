// Thai: checking forms (every problem at once, on its field) and the steps of a loan
// offered with the reason they cannot be taken yet. Keys are shared with forms.en.ts.
export const formsTh = {
  "validation.fill": "กรอก{field}",
  "validation.choose": "เลือก{field}",
  "validation.summary": "ยังมี {count} ช่องที่ต้องแก้ไข (ดูข้อความสีแดงใต้แต่ละช่อง)",
  "validation.badDate": "กรอกวันที่แบบ วัน/เดือน/ปี พ.ศ. เช่น 25/11/2569",
  "validation.badNumber": "กรอกเป็นตัวเลข",

  "error.required.borrowerId": "เลือกผู้ยืม",
  "error.required.assetIds": "เลือกครุภัณฑ์ที่จะยืมอย่างน้อย 1 รายการ",
  "error.required.categoryId": "เลือกประเภทครุภัณฑ์",
  "error.required.divisionId": "เลือกส่วนราชการ",

  "loanForm.items": "ครุภัณฑ์ที่จะยืมอย่างน้อย 1 รายการ",
  "loanForm.pastStart": "ยื่นคำขอย้อนหลังไม่ได้ วันที่ยืมต้องเป็นวันนี้หรือหลังจากนี้",
  "loanForm.dueBeforeStart": "วันกำหนดส่งคืนต้องไม่ก่อนวันที่ยืม",
  "loanForm.longReason": "ยืมนานกว่า {max} วัน กรอกเหตุผลที่ต้องยืมนาน",
  "loanForm.refusedLines": "นำรายการที่ยืมไม่ได้ออกก่อน ({count} รายการ)",
  "loanForm.line.status": "ยืมไม่ได้: สถานะ{status}",
  "loanForm.line.on_loan": "ยืมไม่ได้: ถูกยืมอยู่ตามใบยืมเลขที่ {no}",
  "loanForm.line.reserved": "ยืมไม่ได้: อนุมัติให้ใบยืมเลขที่ {no} ในช่วงวันเดียวกันแล้ว",
  "loanForm.line.other_division": "เป็นของ{division} ไม่ใช่{slip}: ใบยืมกรณีใช้ภายในสถานที่ต้องเป็นครุภัณฑ์ของส่วนราชการเดียวกัน ให้แยกยื่นอีกใบ",
  "loanForm.line.noDivision": "ไม่ระบุส่วนราชการ",

  "step.starts_on": "จ่ายได้ตั้งแต่ {date}",
  "step.not_approved_yet": "จ่ายได้เมื่ออนุมัติแล้ว",
  "step.nothing_out": "ยังไม่ได้จ่ายพัสดุ จึงยังไม่มีรายการรับคืน",
  "step.handed_out": "จ่ายพัสดุไปแล้ว ยกเลิกไม่ได้ ให้รับคืนแทน",
  "step.officer_is_borrower": "เจ้าหน้าที่พัสดุจ่ายหรือรับคืนพัสดุที่ตนเองยืมไม่ได้ ให้เจ้าหน้าที่คนอื่นดำเนินการ",
  "step.approver_is_borrower": "ผู้ยืมอนุมัติคำขอของตนเองไม่ได้",
  "step.not_the_approver": "ผู้อนุมัติคำขอนี้: {names}",
  "step.no_approver": "ยังไม่มีผู้มีอำนาจอนุมัติในระบบ",
  "step.item_taken": "{code} ยืมไม่ได้ในช่วงวันนี้ ({why})",
  "step.item_taken.on_loan": "ถูกยืมอยู่ตามใบยืมเลขที่ {no}",
  "step.item_taken.reserved": "อนุมัติให้ใบยืมเลขที่ {no} แล้ว",
  "step.no_items": "ยังไม่มีรายการครุภัณฑ์ในใบยืม",

  "approval.title": "พิจารณาคำขอยืม",
  "approval.items": "รายการที่ขอยืม ({count} รายการ)",
  "approval.record": "ประวัติการยืมของผู้ยืม",
  "approval.period": "ยืม {from} ถึง {to} รวม {days} วัน",
  "approval.comment": "ความเห็น (ไม่บังคับ)",
  "approval.reason": "เหตุผลที่ไม่อนุมัติ (ต้องกรอก)",
  "approval.confirmApprove": "ยืนยันอนุมัติ",
  "approval.confirmReject": "ยืนยันไม่อนุมัติ",
  "approval.back": "ย้อนกลับ",
  "approval.checkApprove": "อนุมัติคำขอเลขที่ {no} ให้ {name} ยืม {count} รายการ ใช่หรือไม่",
  "approval.checkReject": "ไม่อนุมัติคำขอเลขที่ {no} ของ {name} ใช่หรือไม่",
  "approval.rule": "เมื่อบันทึกผลแล้วเปลี่ยนผลการพิจารณาไม่ได้: คำขอที่อนุมัติแล้ว ผู้ยืมหรือเจ้าหน้าที่พัสดุยกเลิกได้จนกว่าจะจ่ายพัสดุ ส่วนคำขอที่ไม่อนุมัติ ผู้ยืมต้องยื่นคำขอใหม่",
  "approval.decided": "{status} เมื่อ {when} โดย {name}",
  "approval.noRecord": "ผู้ยืมไม่มีรายการยืมค้าง",
  "approval.reasonNeeded": "กรอกเหตุผลที่ไม่อนุมัติ",

  "loans.tab.inboxMine": "รอคุณอนุมัติ",
  "loans.filter.submitted": "รออนุมัติทั้งหมด",

  "roundStep.asOfAhead": "เปิดตรวจนับได้ตั้งแต่ {date} (วันที่ตรวจนับยอด)",
  "roundStep.noMembers": "เพิ่มผู้ตรวจนับในรอบนี้ก่อนเปิด",
  "roundStep.uncounted": "ยังไม่ได้นับ {count} รายการ: นับให้ครบ หรือทำเครื่องหมายว่ารายการที่เหลือไม่พบ",

  "users.usernameRule": "ชื่อผู้ใช้ยาว 3–32 ตัว ใช้ได้เฉพาะ a–z, 0–9, จุด ขีด และขีดล่าง",
  "users.aRole": "บทบาทอย่างน้อย 1 บทบาท",

  "categories.lifeRule": "อายุการใช้งานต้องเป็นจำนวนปี 1–100",

  "handover.notesNeeded": "กรอกสภาพที่ชำรุดหรือสูญหายของรายการที่ทำเครื่องหมายไว้ ({count} รายการ)",
  "handover.anItem": "รายการอย่างน้อย 1 รายการ",

  "login.lockRule": "ใส่รหัสผ่านผิด {count} ครั้งติดกัน บัญชีจะถูกระงับ {minutes} นาที",
} as const;
