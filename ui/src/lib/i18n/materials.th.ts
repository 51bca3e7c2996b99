// Thai messages of the materials (วัสดุ): its permission and what its rules refuse
// (spread into th.ts). The screens come with the requisitions.
export const materialsTh = {
  "permission.manage_materials": "ดูแลวัสดุ (รับเข้า จ่ายตามใบเบิก ปรับปรุงบัญชีวัสดุ ปิดงวด)",
  "error.not_enough_stock": "วัสดุ {materialCode} มีคงเหลือเพียง {available} {unit} จ่ายเกินจำนวนนี้ไม่ได้",
  "error.period_closed": "ปิดงวดบัญชีวัสดุถึงวันที่ {closedThrough} แล้ว ลงรายการที่ลงวันที่ไม่เกินวันนั้นไม่ได้",
  "error.separation_of_duties.issuer_is_requester":
    "ผู้เบิกจ่ายวัสดุให้ตนเองไม่ได้ ให้เจ้าหน้าที่พัสดุคนอื่นเป็นผู้จ่าย",
};
