"""Who may read and change what, on every path Frappe exposes, not only the form and the list.

- `writes`: a save must be allowed on the stored record too, and the fields that decide who sees a record
  (centre, department, portal user…) and the system-set fields change only through the app's actions.
- `queries`: row-level conditions for child tables, attachments and citizens' accounts.
- `endpoints`: Frappe endpoints that skip row-level permissions (counts, group-by counts, likes, link
  validation, document methods on a document sent by the client), wrapped with the same signatures.
- `requests`: what a citizen's (website) account may call at all, filters on fields a role may not read,
  and the PDF generator for the desk's print endpoints.
- `files`: the same size, type and content rules for every file attached to the app's records.
"""
