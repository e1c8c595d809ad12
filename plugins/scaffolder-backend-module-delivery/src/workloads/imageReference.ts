/** An image with a tag or a digest: "latest by default" is not a deployable version. */
export const IMAGE =
  /^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9])?(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/;
