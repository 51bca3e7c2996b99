// Thai messages of what follows the check (ข้อ ๒๑๔–๒๑๘): fact-finding, disposal, write-off,
// the notice to the State Audit Office; the manual and its acknowledgements; the ITA
// evidence pack (spread into th.ts).
export const disposalTh = {
  "permission.manage_disposals": "เตรียมการสอบข้อเท็จจริงและการจำหน่ายพัสดุ บันทึกผล ตัดจำหน่าย ออกคู่มือ",
  "error.separation_of_duties.approver_is_proposer":
    "ผู้เสนอขอจำหน่ายอนุมัติการจำหน่ายของตนเองไม่ได้ ให้หัวหน้าหน่วยงานของรัฐหรือผู้ปฏิบัติราชการแทนคนอื่นเป็นผู้อนุมัติ",
  "error.disposal_state": "ทำรายการนี้ไม่ได้ เพราะเรื่องนี้อยู่ในสถานะ “{status}”",
};
