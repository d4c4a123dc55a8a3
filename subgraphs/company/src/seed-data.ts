/**
 * The demo network (README.md, demo accounts and network): three Rwandan companies (RWF, Africa/Kigali),
 * a Kenyan one (KES, Africa/Nairobi) and a Ugandan one (UGX, Africa/Kampala). Plain data, read by seed.ts.
 * Amounts are in minor units of the company's currency (KES has cents: 100000 is KES 1,000).
 */

export const DEMO_COMPANIES = [
  {
    key: 'volcano',
    name: 'Volcano Coaches',
    slug: 'volcano',
    contactEmail: 'hello@volcano.busline.test',
    contactPhone: '+250788100100',
    timeZone: 'Africa/Kigali',
    currency: 'RWF',
  },
  {
    key: 'horizon',
    name: 'Horizon Lines',
    slug: 'horizon',
    contactEmail: 'hello@horizon.busline.test',
    contactPhone: '+250788200200',
    timeZone: 'Africa/Kigali',
    currency: 'RWF',
  },
  {
    key: 'kivu',
    name: 'Kivu Shuttle',
    slug: 'kivu',
    contactEmail: 'hello@kivu.busline.test',
    contactPhone: '+250788300300',
    timeZone: 'Africa/Kigali',
    currency: 'RWF',
  },
  {
    key: 'savannah',
    name: 'Savannah Express',
    slug: 'savannah',
    contactEmail: 'hello@savannah.busline.test',
    contactPhone: '+254722400400',
    timeZone: 'Africa/Nairobi',
    currency: 'KES',
  },
  {
    key: 'pearl',
    name: 'Pearl Coaches',
    slug: 'pearl',
    contactEmail: 'hello@pearl.busline.test',
    contactPhone: '+256772500500',
    timeZone: 'Africa/Kampala',
    currency: 'UGX',
  },
] as const;

export type DemoCompanyKey = (typeof DEMO_COMPANIES)[number]['key'];

export const DEMO_STATIONS = [
  { code: 'KGL-NYB', name: 'Nyabugogo Bus Park', city: 'Kigali', latitude: -1.9397, longitude: 30.0444 },
  { code: 'HUY', name: 'Huye Bus Park', city: 'Huye', latitude: -2.5967, longitude: 29.7394 },
  { code: 'MSZ', name: 'Musanze Bus Park', city: 'Musanze', latitude: -1.4996, longitude: 29.6344 },
  { code: 'RBV', name: 'Rubavu (Gisenyi) Bus Park', city: 'Rubavu', latitude: -1.7024, longitude: 29.2564 },
  { code: 'RSZ', name: 'Rusizi (Kamembe) Bus Park', city: 'Rusizi', latitude: -2.4846, longitude: 28.9075 },
  { code: 'NYG', name: 'Nyagatare Bus Park', city: 'Nyagatare', latitude: -1.2932, longitude: 30.3275 },
  { code: 'MHG', name: 'Muhanga Bus Park', city: 'Muhanga', latitude: -2.0847, longitude: 29.7564 },
  { code: 'RWM', name: 'Rwamagana Bus Park', city: 'Rwamagana', latitude: -1.9487, longitude: 30.4347 },
  { code: 'NBO', name: 'Machakos Country Bus Station', city: 'Nairobi', latitude: -1.288, longitude: 36.829 },
  { code: 'NVS', name: 'Naivasha Bus Park', city: 'Naivasha', latitude: -0.7172, longitude: 36.4319 },
  { code: 'NKR', name: 'Nakuru Main Stage', city: 'Nakuru', latitude: -0.2833, longitude: 36.0667 },
  { code: 'KLA', name: 'Namayiba Bus Terminal', city: 'Kampala', latitude: 0.3136, longitude: 32.5811 },
  { code: 'MKN', name: 'Mukono Taxi Park', city: 'Mukono', latitude: 0.3533, longitude: 32.7553 },
  { code: 'JJA', name: 'Jinja Bus Park', city: 'Jinja', latitude: 0.4244, longitude: 33.2042 },
] as const;

/** 2+2 coach layouts: rows × 4 seats, the last row's right pair replaced by the rear door on some. */
const layout = (rows: number, door: boolean) => ({
  decks: [
    {
      deck: 1,
      rows,
      columns: ['A', 'B', 'C', 'D'],
      aisleAfter: ['B'],
      skippedSeats: door ? [`${rows}C`, `${rows}D`] : [],
    },
  ],
});

interface DemoLine {
  /** Outbound stops (station code, minutes); the return trip runs them backwards. */
  stops: [string, number][];
  distanceKm: number;
  price: number;
  /**
   * Fares (company currency) between intermediate pairs of stops, either direction; other pairs are derived
   * (docs/segments.md).
   */
  fares: [string, string, number][];
}

export interface DemoFleet {
  buses: { plateNumber: string; model: string; amenities: string[]; seatLayout: ReturnType<typeof layout> }[];
  drivers: { name: string; phone: string; licenceNumber: string; email?: string }[];
  line: DemoLine;
  /**
   * Departure times of the outbound trips, local to the company's time zone; bus i and driver i run the i-th and its
   * return.
   */
  departures: string[];
}

export const DEMO_FLEETS: Record<DemoCompanyKey, DemoFleet> = {
  volcano: {
    buses: [
      {
        plateNumber: 'RAC 101 V',
        model: 'Yutong ZK6122',
        amenities: ['AC', 'WIFI', 'USB'],
        seatLayout: layout(11, true),
      },
      { plateNumber: 'RAC 102 V', model: 'Yutong ZK6122', amenities: ['AC', 'WIFI'], seatLayout: layout(11, true) },
      { plateNumber: 'RAC 103 V', model: 'Toyota Coaster', amenities: ['AC'], seatLayout: layout(8, false) },
    ],
    drivers: [
      {
        name: 'Eric Habimana',
        phone: '+250788110001',
        licenceNumber: 'VOL-D-001',
        email: 'driver@volcano.busline.test',
      },
      { name: 'Claude Mugisha', phone: '+250788110002', licenceNumber: 'VOL-D-002' },
      { name: 'Diane Uwase', phone: '+250788110003', licenceNumber: 'VOL-D-003' },
    ],
    line: {
      stops: [
        ['KGL-NYB', 0],
        ['MSZ', 120],
        ['RBV', 210],
      ],
      distanceKm: 160,
      price: 5000,
      fares: [
        ['KGL-NYB', 'MSZ', 3500],
        ['MSZ', 'RBV', 2000],
      ],
    },
    departures: ['06:00', '08:30', '11:00'],
  },
  horizon: {
    buses: [
      {
        plateNumber: 'RAD 201 H',
        model: 'Scania Touring',
        amenities: ['AC', 'WIFI', 'USB', 'TOILET'],
        seatLayout: layout(12, true),
      },
      { plateNumber: 'RAD 202 H', model: 'Scania Touring', amenities: ['AC', 'USB'], seatLayout: layout(12, true) },
      { plateNumber: 'RAD 203 H', model: 'King Long XMQ6127', amenities: ['AC'], seatLayout: layout(10, false) },
    ],
    drivers: [
      { name: 'Jean Bosco Nkurunziza', phone: '+250788220001', licenceNumber: 'HOR-D-001' },
      { name: 'Alice Mukamana', phone: '+250788220002', licenceNumber: 'HOR-D-002' },
      { name: 'Patrick Ndayisaba', phone: '+250788220003', licenceNumber: 'HOR-D-003' },
    ],
    line: {
      stops: [
        ['KGL-NYB', 0],
        ['MHG', 60],
        ['HUY', 150],
        ['RSZ', 330],
      ],
      distanceKm: 290,
      price: 10000,
      fares: [
        ['KGL-NYB', 'MHG', 2000],
        ['KGL-NYB', 'HUY', 4500],
        ['MHG', 'HUY', 3000],
        ['MHG', 'RSZ', 8500],
        ['HUY', 'RSZ', 6000],
      ],
    },
    departures: ['06:00', '08:00', '10:00'],
  },
  kivu: {
    buses: [
      { plateNumber: 'RAE 301 K', model: 'Toyota Coaster', amenities: ['AC'], seatLayout: layout(8, false) },
      { plateNumber: 'RAE 302 K', model: 'Yutong ZK6107', amenities: ['AC', 'USB'], seatLayout: layout(10, true) },
      { plateNumber: 'RAE 303 K', model: 'Yutong ZK6107', amenities: ['AC', 'USB'], seatLayout: layout(10, true) },
    ],
    drivers: [
      { name: 'Olivier Niyonzima', phone: '+250788330001', licenceNumber: 'KIV-D-001' },
      { name: 'Grace Ingabire', phone: '+250788330002', licenceNumber: 'KIV-D-002' },
      { name: 'Samuel Twagirayezu', phone: '+250788330003', licenceNumber: 'KIV-D-003' },
    ],
    line: {
      stops: [
        ['KGL-NYB', 0],
        ['RWM', 60],
        ['NYG', 150],
      ],
      distanceKm: 150,
      price: 3500,
      fares: [
        ['KGL-NYB', 'RWM', 1200],
        ['RWM', 'NYG', 2500],
      ],
    },
    departures: ['06:30', '09:00', '13:00'],
  },
  savannah: {
    buses: [
      {
        plateNumber: 'KDA 401S',
        model: 'Scania Touring',
        amenities: ['AC', 'WIFI', 'USB'],
        seatLayout: layout(12, true),
      },
      { plateNumber: 'KDA 402S', model: 'Isuzu FRR', amenities: ['USB'], seatLayout: layout(8, false) },
    ],
    drivers: [
      { name: 'Peter Kamau', phone: '+254722440001', licenceNumber: 'SAV-D-001' },
      { name: 'Mercy Wanjiru', phone: '+254722440002', licenceNumber: 'SAV-D-002' },
    ],
    line: {
      stops: [
        ['NBO', 0],
        ['NVS', 90],
        ['NKR', 180],
      ],
      distanceKm: 160,
      price: 100_000,
      fares: [
        ['NBO', 'NVS', 60_000],
        ['NVS', 'NKR', 50_000],
      ],
    },
    departures: ['07:00', '14:00'],
  },
  pearl: {
    buses: [
      { plateNumber: 'UBA 501P', model: 'Yutong ZK6122', amenities: ['AC', 'USB'], seatLayout: layout(11, true) },
      { plateNumber: 'UBA 502P', model: 'Toyota Coaster', amenities: ['AC'], seatLayout: layout(8, false) },
    ],
    drivers: [
      { name: 'Moses Okello', phone: '+256772550001', licenceNumber: 'PRL-D-001' },
      { name: 'Sarah Nakato', phone: '+256772550002', licenceNumber: 'PRL-D-002' },
    ],
    line: {
      stops: [
        ['KLA', 0],
        ['MKN', 40],
        ['JJA', 120],
      ],
      distanceKm: 80,
      price: 15_000,
      fares: [
        ['KLA', 'MKN', 5_000],
        ['MKN', 'JJA', 12_000],
      ],
    },
    departures: ['08:00', '15:30'],
  },
};

/** Minutes a bus waits at the terminus before its return trip. */
export const TURNAROUND_MINUTES = 60;
