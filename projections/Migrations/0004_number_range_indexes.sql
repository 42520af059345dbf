-- Number prefix and suffix searches run as range scans (number_norm >= @lo and < @lo || '~'), which a prepared,
-- parameterised statement can use; LIKE with a parameter pattern cannot use an index in a generic plan.
drop index if exists read.read_documents_number_prefix;
drop index if exists read.read_documents_number_reverse;
create index if not exists read_documents_number_reversed on read.documents (reverse(number_norm));
