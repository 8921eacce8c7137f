-- Which permissions each role grants (e.g. editor → posts:delete), read by auth.permission(...).
CREATE TABLE role_permissions (
  role       text NOT NULL,
  permission text NOT NULL,
  PRIMARY KEY (role, permission)
);
