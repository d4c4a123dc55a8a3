import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { SeatMap } from '../../components/SeatMap';
import { useT } from '../../i18n';
import { COMPANY_BUSES, CREATE_BUS } from './company-documents';
import { FormCard } from './FormCard';
import { decksOf, SEAT_PRESETS, seatsOf, type SeatPreset } from './seat-layout';

const MAX_ROWS = 40;
const rowsIn = (value: number) => (Number.isInteger(value) && value >= 1 && value <= MAX_ROWS ? value : 0);

/** Adds a bus to the fleet: plate, model, amenities and a seat layout built from a preset, previewed live. */
export function CreateBusForm({ companyId }: { companyId: string }) {
  const { t } = useT('company');
  const [plateNumber, setPlateNumber] = useState('');
  const [model, setModel] = useState('');
  const [amenities, setAmenities] = useState('');
  const [preset, setPreset] = useState<SeatPreset>('2+2');
  const [rows, setRows] = useState(12);
  const [upperDeck, setUpperDeck] = useState(false);
  const [upperRows, setUpperRows] = useState(10);
  const [create, { data, loading, error, reset }] = useMutation(CREATE_BUS, {
    refetchQueries: [COMPANY_BUSES],
    awaitRefetchQueries: true,
  });

  const layoutValid = rowsIn(rows) > 0 && (!upperDeck || rowsIn(upperRows) > 0);
  const decks = layoutValid ? decksOf({ preset, rows, upperRows: upperDeck ? upperRows : 0 }) : [];
  const seats = seatsOf(decks);

  async function submit() {
    const input = {
      companyId,
      plateNumber: plateNumber.trim(),
      model: model.trim(),
      amenities: amenities
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      seatLayout: {
        decks: decks.map(({ deck, rows, firstRow, columns, aisleAfter }) => ({
          deck,
          rows,
          firstRow,
          columns,
          aisleAfter,
        })),
      },
    };
    const result = await create({ variables: { input } }).catch(() => undefined);
    if (result?.data) {
      setPlateNumber('');
      setModel('');
    }
  }

  return (
    <FormCard
      title={t('buses.add')}
      submitLabel={t('buses.submit')}
      busyLabel={t('adding')}
      loading={loading}
      disabled={!layoutValid}
      error={error}
      success={data && <>{t('buses.added', { plate: data.createBus.plateNumber, count: data.createBus.seatCount })}</>}
      onSubmit={submit}
      onEdit={() => data && reset()}
    >
      <label>
        {t('buses.plateNumber')}
        <input
          name="plateNumber"
          required
          placeholder="RAD 123 A"
          value={plateNumber}
          onChange={(e) => setPlateNumber(e.target.value)}
        />
      </label>
      <label>
        {t('buses.model')}
        <input
          name="model"
          required
          placeholder="Yutong ZK6122"
          value={model}
          onChange={(e) => setModel(e.target.value)}
        />
      </label>
      <label>
        <span>
          {t('buses.amenities')} <span className="hint">· {t('buses.commaSeparated')}</span>
        </span>
        <input
          name="amenities"
          placeholder="WIFI, AC, USB"
          value={amenities}
          onChange={(e) => setAmenities(e.target.value)}
        />
      </label>
      <fieldset className="fieldset">
        <legend>{t('buses.layout')}</legend>
        <div className="field-row">
          <label>
            {t('buses.seatsPerRow')}
            <select name="preset" value={preset} onChange={(e) => setPreset(e.target.value as SeatPreset)}>
              {Object.keys(SEAT_PRESETS).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('buses.rows')}
            <input
              name="rows"
              type="number"
              min={1}
              max={MAX_ROWS}
              required
              value={rows}
              onChange={(e) => setRows(Number(e.target.value))}
            />
          </label>
        </div>
        <label className="inline">
          <input
            name="upperDeck"
            type="checkbox"
            checked={upperDeck}
            onChange={(e) => setUpperDeck(e.target.checked)}
          />
          {t('buses.upperDeck')}
        </label>
        {upperDeck && (
          <label>
            {t('buses.upperRows')}
            <input
              name="upperRows"
              type="number"
              min={1}
              max={MAX_ROWS}
              required
              value={upperRows}
              onChange={(e) => setUpperRows(Number(e.target.value))}
            />
          </label>
        )}
        <p className="muted small" data-testid="layout-seat-count">
          {layoutValid ? t('buses.seatCount', { count: seats.length }) : t('buses.rowsRange', { max: MAX_ROWS })}
        </p>
        {layoutValid && <SeatMap decks={decks} seats={seats} label={t('buses.preview')} />}
      </fieldset>
    </FormCard>
  );
}
