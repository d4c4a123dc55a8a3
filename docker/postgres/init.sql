-- One database per subgraph (README.md, Architecture): a subgraph never reads another's database.
-- Run once by the postgres image on an empty data directory.
CREATE DATABASE db_auth;
CREATE DATABASE db_user;
CREATE DATABASE db_company;
CREATE DATABASE db_ticketing;
CREATE DATABASE db_qr;
CREATE DATABASE db_payment;
CREATE DATABASE db_notification;
