// Thai messages of searching: the office's search words (spread into th.ts).
export const searchTh = {
  "settings.search": "คำค้นหา",
  "searchWords.title": "คำที่ใช้ค้นหา",
  "searchWords.hint":
    "คำที่สำนักงานเรียกแทนกัน ค้นได้ทั้งสองทาง เช่น พิมพ์ “แอร์” ก็พบ “เครื่องปรับอากาศ” และพิมพ์ “เครื่องปรับอากาศ” ก็พบรายการที่บันทึกว่า “แอร์” ส่วนการสะกดต่างกัน (วรรณยุกต์ ค/ก ท้ายคำ เว้นวรรค) โปรแกรมค้นให้เองโดยไม่ต้องเพิ่มที่นี่",
  "searchWords.word": "คำที่พิมพ์ค้น",
  "searchWords.means": "คำในทะเบียน",
  "searchWords.add": "เพิ่มบรรทัด",
  "searchWords.remove": "ลบ",
  "searchWords.saved": "บันทึกคำค้นหาแล้ว ({count} คู่)",
  "searchWords.unchanged": "ไม่มีคำใดเปลี่ยน จึงไม่ได้บันทึก",
  "searchWords.onLine": "บรรทัดที่ {line}: {message}",
  "field.synonyms": "รายการคำค้นหา",
  "error.invalid_value.means": "{field}: คำนี้เป็นคำเดียวกับคำที่พิมพ์ค้น (สะกดต่างกันเท่านั้น) ไม่ต้องเพิ่ม",
  "error.duplicate.word": "คู่คำ “{value}” มีอยู่แล้วในรายการ",
} as const;
