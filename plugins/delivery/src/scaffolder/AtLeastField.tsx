import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import { AtLeastOptions } from './checkAtLeast';

/**
 * A text or number input like the form's own, for a value that must not go below another
 * field's (a limit and its request, an HPA maximum and its minimum). The comparison is in
 * the field's validation, so the error shows on this field when the page is submitted.
 */
export function AtLeastField(
  props: FieldExtensionComponentProps<string | number, AtLeastOptions>,
) {
  const { formData, onChange, schema, required, rawErrors, idSchema } = props;
  const numeric = schema.type === 'integer' || schema.type === 'number';
  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title}
      required={required}
      type={numeric ? 'number' : 'text'}
      value={formData ?? ''}
      onChange={event => {
        const text = event.target.value;
        if (!numeric) onChange(text);
        else onChange(text === '' ? (undefined as never) : Number(text));
      }}
      helperText={schema.description}
      error={Boolean(rawErrors?.length)}
      margin="normal"
      fullWidth
    />
  );
}
