import type { MessageKind } from '../db/schema';

/** Languages messages are written in: Kinyarwanda, Swahili, French and English (the fallback). */
export const LANGUAGES = ['rw', 'sw', 'fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One message in one language: the SMS text, and the e-mail's subject (its body is the SMS text with a greeting). */
export interface Template {
  sms: string;
  subject: string;
  greeting: string;
}

/**
 * ICU MessageFormat templates (intl-messageformat). Arguments: company, origin, destination,
 * departure and previous (formatted per locale), seats and count, ref, link, amount (formatted money),
 * expires (a formatted time), name and hasName (yes or no), code (REFUND_DUE: the code that collects a cash
 * refund); CLAIM_CODE and PASSWORD_RESET have code and minutes (how long it stays valid) only. Texts stay short: an
 * SMS is 160 GSM characters a part. ROUTE_CHANGED names the whole trip (the booking's stops may be gone from it).
 */
export const CATALOG: Record<Language, Record<MessageKind, Template>> = {
  en: {
    BOOKING_CONFIRMED: {
      sms: 'Busline: {company} ticket confirmed. {origin} → {destination}, {departure}. {count, plural, one {Seat} other {Seats}} {seats}. Ref {ref}. Pass: {link}',
      subject: 'Your ticket {origin} → {destination}, {departure}',
      greeting: '{hasName, select, yes {Hello {name},} other {Hello,}}',
    },
    HOLD_EXPIRING: {
      sms: 'Busline: {count, plural, one {your seat} other {your seats}} {seats} on {origin} → {destination} ({departure}) {count, plural, one {is} other {are}} held until {expires}. Pay {amount} before then or the hold lapses. {link}',
      subject: 'Your held seats lapse at {expires}',
      greeting: '{hasName, select, yes {Hello {name},} other {Hello,}}',
    },
    TRIP_DELAYED: {
      sms: 'Busline: {company} {origin} → {destination} now leaves {departure} instead of {previous}. {count, plural, one {Seat {seats} stays} other {Seats {seats} stay}} yours. Ref {ref}.',
      subject: 'Trip delayed: {origin} → {destination}',
      greeting: '{hasName, select, yes {Hello {name},} other {Hello,}}',
    },
    TRIP_RESCHEDULED: {
      sms: 'Busline: {company} {origin} → {destination} now leaves EARLIER, {departure} instead of {previous}. Ref {ref}.',
      subject: 'Trip time changed: {origin} → {destination}',
      greeting: '{hasName, select, yes {Hello {name},} other {Hello,}}',
    },
    TRIP_CANCELLED: {
      sms: 'Busline: {company} cancelled {origin} → {destination} of {departure}. You will be refunded in full. Ref {ref}.',
      subject: 'Trip cancelled: {origin} → {destination}',
      greeting: '{hasName, select, yes {Hello {name},} other {Hello,}}',
    },
    REFUND_SENT: {
      sms: 'Busline: {amount} refunded for booking {ref} ({origin} → {destination}). It reaches your mobile money account shortly.',
      subject: 'Refund sent: {amount}',
      greeting: '{hasName, select, yes {Hello {name},} other {Hello,}}',
    },
    ROUTE_CHANGED: {
      sms: 'Busline: {company} changed the route {origin} → {destination} of {departure} and no longer stops where your ticket gets on or off. Booking {ref} is cancelled; you will be refunded in full.',
      subject: 'Booking cancelled, route changed: {origin} → {destination}',
      greeting: '{hasName, select, yes {Hello {name},} other {Hello,}}',
    },
    CLAIM_CODE: {
      sms: 'Busline: {code} is your code to add the tickets bought at the counter to your account. Valid {minutes} min. Never share it.',
      subject: 'Your Busline code: {code}',
      greeting: 'Hello,',
    },
    PASSWORD_RESET: {
      sms: 'Busline: {code} is your code to set a new password. Valid {minutes} min. If you did not ask for it, ignore this message. Never share it.',
      subject: 'Your Busline password code: {code}',
      greeting: 'Hello,',
    },
    REFUND_DUE: {
      sms: 'Busline: {amount} is owed to you for booking {ref} ({origin} → {destination}). Give code {code} at the {company} counter to collect it in cash. Give it to nobody else.',
      subject: 'Your refund of {amount}: code {code}',
      greeting: '{hasName, select, yes {Hello {name},} other {Hello,}}',
    },
  },
  fr: {
    BOOKING_CONFIRMED: {
      sms: 'Busline : billet {company} confirmé. {origin} → {destination}, {departure}. {count, plural, one {Siège} other {Sièges}} {seats}. Réf. {ref}. Titre : {link}',
      subject: 'Votre billet {origin} → {destination}, {departure}',
      greeting: '{hasName, select, yes {Bonjour {name},} other {Bonjour,}}',
    },
    HOLD_EXPIRING: {
      sms: 'Busline : {count, plural, one {votre siège} other {vos sièges}} {seats} sur {origin} → {destination} ({departure}) {count, plural, one {est réservé} other {sont réservés}} jusqu’à {expires}. Payez {amount} avant, sinon la réservation expire. {link}',
      subject: 'Votre réservation expire à {expires}',
      greeting: '{hasName, select, yes {Bonjour {name},} other {Bonjour,}}',
    },
    TRIP_DELAYED: {
      sms: 'Busline : le trajet {company} {origin} → {destination} part désormais {departure} au lieu de {previous}. {count, plural, one {Votre siège} other {Vos sièges}} {seats} vous {count, plural, one {reste} other {restent}}. Réf. {ref}.',
      subject: 'Trajet retardé : {origin} → {destination}',
      greeting: '{hasName, select, yes {Bonjour {name},} other {Bonjour,}}',
    },
    TRIP_RESCHEDULED: {
      sms: 'Busline : le trajet {company} {origin} → {destination} est avancé : départ {departure} au lieu de {previous}. Réf. {ref}.',
      subject: 'Horaire modifié : {origin} → {destination}',
      greeting: '{hasName, select, yes {Bonjour {name},} other {Bonjour,}}',
    },
    TRIP_CANCELLED: {
      sms: 'Busline : {company} a annulé le trajet {origin} → {destination} du {departure}. Vous serez remboursé intégralement. Réf. {ref}.',
      subject: 'Trajet annulé : {origin} → {destination}',
      greeting: '{hasName, select, yes {Bonjour {name},} other {Bonjour,}}',
    },
    REFUND_SENT: {
      sms: 'Busline : {amount} remboursés pour la réservation {ref} ({origin} → {destination}). Le montant arrive bientôt sur votre compte mobile money.',
      subject: 'Remboursement envoyé : {amount}',
      greeting: '{hasName, select, yes {Bonjour {name},} other {Bonjour,}}',
    },
    ROUTE_CHANGED: {
      sms: 'Busline : {company} a modifié le trajet {origin} → {destination} du {departure} et ne dessert plus l’arrêt où vous montez ou descendez. La réservation {ref} est annulée ; vous serez remboursé intégralement.',
      subject: 'Réservation annulée, trajet modifié : {origin} → {destination}',
      greeting: '{hasName, select, yes {Bonjour {name},} other {Bonjour,}}',
    },
    CLAIM_CODE: {
      sms: 'Busline : {code} est votre code pour ajouter à votre compte les billets achetés au guichet. Valable {minutes} min. Ne le partagez pas.',
      subject: 'Votre code Busline : {code}',
      greeting: 'Bonjour,',
    },
    PASSWORD_RESET: {
      sms: 'Busline : {code} est votre code pour choisir un nouveau mot de passe. Valable {minutes} min. Si vous ne l’avez pas demandé, ignorez ce message. Ne le partagez pas.',
      subject: 'Votre code Busline pour le mot de passe : {code}',
      greeting: 'Bonjour,',
    },
    REFUND_DUE: {
      sms: 'Busline : {amount} vous sont dus pour la réservation {ref} ({origin} → {destination}). Donnez le code {code} au guichet {company} pour les retirer en espèces. Ne le donnez à personne d’autre.',
      subject: 'Votre remboursement de {amount} : code {code}',
      greeting: '{hasName, select, yes {Bonjour {name},} other {Bonjour,}}',
    },
  },
  sw: {
    BOOKING_CONFIRMED: {
      sms: 'Busline: tiketi yako ya {company} imethibitishwa. {origin} → {destination}, {departure}. {count, plural, one {Kiti} other {Viti}} {seats}. Kumbukumbu {ref}. Pasi: {link}',
      subject: 'Tiketi yako {origin} → {destination}, {departure}',
      greeting: '{hasName, select, yes {Habari {name},} other {Habari,}}',
    },
    HOLD_EXPIRING: {
      sms: 'Busline: {count, plural, one {kiti} other {viti}} {seats} kwenye {origin} → {destination} ({departure}) {count, plural, one {kimehifadhiwa} other {vimehifadhiwa}} hadi {expires}. Lipa {amount} kabla ya hapo. {link}',
      subject: 'Viti vyako vinaisha muda saa {expires}',
      greeting: '{hasName, select, yes {Habari {name},} other {Habari,}}',
    },
    TRIP_DELAYED: {
      sms: 'Busline: safari ya {company} {origin} → {destination} sasa itaondoka {departure} badala ya {previous}. {count, plural, one {Kiti} other {Viti}} {seats} bado ni chako. Kumbukumbu {ref}.',
      subject: 'Safari imechelewa: {origin} → {destination}',
      greeting: '{hasName, select, yes {Habari {name},} other {Habari,}}',
    },
    TRIP_RESCHEDULED: {
      sms: 'Busline: safari ya {company} {origin} → {destination} itaondoka MAPEMA, {departure} badala ya {previous}. Kumbukumbu {ref}.',
      subject: 'Muda wa safari umebadilika: {origin} → {destination}',
      greeting: '{hasName, select, yes {Habari {name},} other {Habari,}}',
    },
    TRIP_CANCELLED: {
      sms: 'Busline: {company} imeghairi safari {origin} → {destination} ya {departure}. Utarejeshewa pesa yote. Kumbukumbu {ref}.',
      subject: 'Safari imeghairiwa: {origin} → {destination}',
      greeting: '{hasName, select, yes {Habari {name},} other {Habari,}}',
    },
    REFUND_SENT: {
      sms: 'Busline: umerejeshewa {amount} kwa tiketi {ref} ({origin} → {destination}). Pesa itafika kwenye akaunti yako ya pesa ya simu hivi karibuni.',
      subject: 'Umerejeshewa {amount}',
      greeting: '{hasName, select, yes {Habari {name},} other {Habari,}}',
    },
    ROUTE_CHANGED: {
      sms: 'Busline: {company} imebadilisha njia ya safari {origin} → {destination} ya {departure} na haisimami tena kituo chako cha kupanda au kushuka. Tiketi {ref} imeghairiwa; utarejeshewa pesa yote.',
      subject: 'Tiketi imeghairiwa, njia imebadilika: {origin} → {destination}',
      greeting: '{hasName, select, yes {Habari {name},} other {Habari,}}',
    },
    CLAIM_CODE: {
      sms: 'Busline: {code} ni nambari yako ya kuongeza kwenye akaunti yako tiketi ulizonunua kaunta. Inatumika dakika {minutes}. Usimpe mtu.',
      subject: 'Nambari yako ya Busline: {code}',
      greeting: 'Habari,',
    },
    PASSWORD_RESET: {
      sms: 'Busline: {code} ni nambari yako ya kuweka nenosiri jipya. Inatumika dakika {minutes}. Kama hukuiomba, puuza ujumbe huu. Usimpe mtu.',
      subject: 'Nambari yako ya nenosiri ya Busline: {code}',
      greeting: 'Habari,',
    },
    REFUND_DUE: {
      sms: 'Busline: unadai {amount} kwa tiketi {ref} ({origin} → {destination}). Toa nambari {code} kwenye kaunta ya {company} upokee pesa taslimu. Usimpe mtu mwingine.',
      subject: 'Marejesho yako ya {amount}: nambari {code}',
      greeting: '{hasName, select, yes {Habari {name},} other {Habari,}}',
    },
  },
  rw: {
    BOOKING_CONFIRMED: {
      sms: 'Busline: itike yawe ya {company} yemejwe. {origin} → {destination}, {departure}. Intebe {seats}. Nomero {ref}. Itike: {link}',
      subject: 'Itike yawe {origin} → {destination}, {departure}',
      greeting: '{hasName, select, yes {Muraho {name},} other {Muraho,}}',
    },
    HOLD_EXPIRING: {
      sms: 'Busline: intebe {seats} kuri {origin} → {destination} ({departure}) wafatiwe zizarekurwa saa {expires}. Ishyura {amount} mbere y’icyo gihe. {link}',
      subject: 'Intebe wafatiwe zizarekurwa saa {expires}',
      greeting: '{hasName, select, yes {Muraho {name},} other {Muraho,}}',
    },
    TRIP_DELAYED: {
      sms: 'Busline: urugendo rwa {company} {origin} → {destination} ruzahaguruka {departure} aho kuba {previous}. Intebe {seats} ziracyari izawe. Nomero {ref}.',
      subject: 'Urugendo rwatinze: {origin} → {destination}',
      greeting: '{hasName, select, yes {Muraho {name},} other {Muraho,}}',
    },
    TRIP_RESCHEDULED: {
      sms: 'Busline: urugendo rwa {company} {origin} → {destination} ruzahaguruka KARE, {departure} aho kuba {previous}. Nomero {ref}.',
      subject: 'Igihe cy’urugendo cyahindutse: {origin} → {destination}',
      greeting: '{hasName, select, yes {Muraho {name},} other {Muraho,}}',
    },
    TRIP_CANCELLED: {
      sms: 'Busline: {company} yahagaritse urugendo {origin} → {destination} rwo ku wa {departure}. Uzasubizwa amafaranga yose. Nomero {ref}.',
      subject: 'Urugendo rwahagaritswe: {origin} → {destination}',
      greeting: '{hasName, select, yes {Muraho {name},} other {Muraho,}}',
    },
    REFUND_SENT: {
      sms: 'Busline: wasubijwe {amount} ku itike {ref} ({origin} → {destination}). Azagera kuri konti yawe ya mobile money vuba.',
      subject: 'Wasubijwe {amount}',
      greeting: '{hasName, select, yes {Muraho {name},} other {Muraho,}}',
    },
    ROUTE_CHANGED: {
      sms: 'Busline: {company} yahinduye inzira y’urugendo {origin} → {destination} rwo ku wa {departure}, ntikigera aho uririra cyangwa uvira. Itike {ref} yahagaritswe; uzasubizwa amafaranga yose.',
      subject: 'Itike yahagaritswe, inzira yahindutse: {origin} → {destination}',
      greeting: '{hasName, select, yes {Muraho {name},} other {Muraho,}}',
    },
    CLAIM_CODE: {
      sms: 'Busline: {code} ni kode yo gushyira kuri konti yawe amatike waguriye ku biro. Imara iminota {minutes}. Ntuyihe undi muntu.',
      subject: 'Kode yawe ya Busline: {code}',
      greeting: 'Muraho,',
    },
    PASSWORD_RESET: {
      sms: 'Busline: {code} ni kode yo gushyiraho ijambo ry’ibanga rishya. Imara iminota {minutes}. Niba utayisabye, wirengagize ubu butumwa. Ntuyihe undi muntu.',
      subject: 'Kode yawe y’ijambo ry’ibanga rya Busline: {code}',
      greeting: 'Muraho,',
    },
    REFUND_DUE: {
      sms: 'Busline: ugomba gusubizwa {amount} ku itike {ref} ({origin} → {destination}). Tanga kode {code} ku biro bya {company} uhabwe amafaranga. Ntuyihe undi muntu.',
      subject: 'Gusubizwa {amount}: kode {code}',
      greeting: '{hasName, select, yes {Muraho {name},} other {Muraho,}}',
    },
  },
};
