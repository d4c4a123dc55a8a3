import { useMutation } from '@apollo/client/react';
import { COMPANY_DRIVERS, CREATE_DRIVER } from './company-documents';
import { FormCard, useFields } from './FormCard';

const EMPTY = { name: '', phone: '', licenceNumber: '' };

/** Adds a driver to the company: name, phone and licence number (the app account is linked later). */
export function CreateDriverForm({ companyId }: { companyId: string }) {
  const { values: fields, bind: field, clear } = useFields(EMPTY);
  const [create, { data, loading, error, reset }] = useMutation(CREATE_DRIVER, {
    refetchQueries: [COMPANY_DRIVERS],
    awaitRefetchQueries: true,
  });

  async function submit() {
    const input = {
      companyId,
      name: fields.name.trim(),
      phone: fields.phone.trim(),
      licenceNumber: fields.licenceNumber.trim(),
    };
    const result = await create({ variables: { input } }).catch(() => undefined);
    if (result?.data) clear();
  }

  return (
    <FormCard
      title="Add a driver"
      submitLabel="Add driver"
      busyLabel="Adding…"
      loading={loading}
      error={error}
      success={data && <>{data.createDriver.name} is on the team. Assign them to trips when scheduling.</>}
      onSubmit={submit}
      onEdit={() => data && reset()}
    >
      <label>
        Full name
        <input required autoComplete="off" placeholder="Jean Bosco Habimana" {...field('name')} />
      </label>
      <label>
        Phone
        <input required type="tel" autoComplete="off" placeholder="+250788123456" {...field('phone')} />
      </label>
      <label>
        Licence number
        <input required autoComplete="off" placeholder="RW-DL-123456" {...field('licenceNumber')} />
      </label>
    </FormCard>
  );
}
