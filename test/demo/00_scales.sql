-- Demo organization, part 0: the organization and its scales.
INSERT INTO isms.organization (name, legal_name)
VALUES ('Northwind Health', 'Northwind Health Services Ltd.');
