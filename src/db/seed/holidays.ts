// Turkey's public holidays for 2026 and 2027. Religious holidays follow the official (Diyanet) calendar;
// the afternoon before Ramazan and Kurban Bayramı and before Republic Day is a half day (closed from 13:00).
export interface HolidaySeed {
  date: string;
  tr: string;
  en: string;
  startsAt?: string;
}

function fixed(year: number): HolidaySeed[] {
  return [
    { date: `${year}-01-01`, tr: 'Yılbaşı', en: "New Year's Day" },
    { date: `${year}-04-23`, tr: 'Ulusal Egemenlik ve Çocuk Bayramı', en: "National Sovereignty and Children's Day" },
    { date: `${year}-05-01`, tr: 'Emek ve Dayanışma Günü', en: 'Labour and Solidarity Day' },
    { date: `${year}-05-19`, tr: 'Atatürk’ü Anma, Gençlik ve Spor Bayramı', en: 'Commemoration of Atatürk, Youth and Sports Day' },
    { date: `${year}-07-15`, tr: 'Demokrasi ve Millî Birlik Günü', en: 'Democracy and National Unity Day' },
    { date: `${year}-08-30`, tr: 'Zafer Bayramı', en: 'Victory Day' },
    { date: `${year}-10-28`, tr: 'Cumhuriyet Bayramı arifesi', en: 'Republic Day eve', startsAt: '13:00' },
    { date: `${year}-10-29`, tr: 'Cumhuriyet Bayramı', en: 'Republic Day' },
  ];
}

function bayram(eve: string, days: string[], tr: string, en: string): HolidaySeed[] {
  return [
    { date: eve, tr: `${tr} arifesi`, en: `${en} eve`, startsAt: '13:00' },
    ...days.map((date, i) => ({ date, tr: `${tr} ${i + 1}. gün`, en: `${en}, day ${i + 1}` })),
  ];
}

export const turkishHolidays: HolidaySeed[] = [
  ...fixed(2026),
  ...bayram('2026-03-19', ['2026-03-20', '2026-03-21', '2026-03-22'], 'Ramazan Bayramı', 'Ramadan Feast'),
  ...bayram('2026-05-26', ['2026-05-27', '2026-05-28', '2026-05-29', '2026-05-30'], 'Kurban Bayramı', 'Feast of Sacrifice'),
  ...fixed(2027),
  ...bayram('2027-03-08', ['2027-03-09', '2027-03-10', '2027-03-11'], 'Ramazan Bayramı', 'Ramadan Feast'),
  ...bayram('2027-05-15', ['2027-05-16', '2027-05-17', '2027-05-18', '2027-05-19'], 'Kurban Bayramı', 'Feast of Sacrifice'),
].sort((a, b) => a.date.localeCompare(b.date));
