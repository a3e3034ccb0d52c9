/** Form state shared by the create and edit screens: the values, the field errors, and a change handler. */
import { useState } from 'react';
import type { PatientField, PatientFormValues } from './patient-form-model';

export function usePatientForm(initial: () => PatientFormValues) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});

  /** Sets a field; an edited field is no longer known to be wrong, so its error goes. */
  function change(field: PatientField, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    if (field in errors) {
      setErrors((e) => {
        const { [field]: _cleared, ...rest } = e;
        return rest;
      });
    }
  }

  return { values, errors, setErrors, change };
}
