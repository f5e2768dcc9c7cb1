// The case access policy lives in data-access so that feature-materials applies it too.
export { applicationPolicy, scopeOf, type ApplicationAction } from '@onewindow/workflow/data-access';
