"""Drives a TDS server with python-tds (pytds) and prints what it saw as one JSON object on stdout.

Usage: python python_tds_peer.py HOST PORT USER PASSWORD DATABASE
Values are reported with repr() (exact Python types and values), aware datetimes as their UTC isoformat.
"""
import datetime
import decimal
import json
import sys
import uuid

import pytds
from pytds import tds_base

HOST, PORT, USER, PASSWORD, DATABASE = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]


def connect(autocommit, password=PASSWORD, tds_version=tds_base.TDS74):
    return pytds.connect(server=HOST, port=PORT, database=DATABASE, user=USER, password=password,
                         autocommit=autocommit, login_timeout=10, timeout=30, tds_version=tds_version)


def show(value):
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return 'aware ' + value.astimezone(datetime.timezone.utc).isoformat()
    return repr(value)


def rows(cursor):
    return [[show(value) for value in row] for row in cursor.fetchall()]


report = {}

# Login: the right password lands in the database; a wrong one is refused.
with connect(autocommit=True) as conn:
    cur = conn.cursor()
    cur.execute('SELECT DB_NAME() AS db')
    report['login'] = {'database': cur.fetchone()[0]}
try:
    connect(autocommit=True, password=PASSWORD + 'x').close()
    report['bad_login'] = None
except pytds.Error as error:
    report['bad_login'] = {'class': type(error).__name__, 'number': getattr(error, 'number', None), 'message': str(error)}

# Protocol versions: python-tds may ask for an older TDS; the server speaks the version the client asked for.
versions = {}
for name in ('TDS74', 'TDS73A', 'TDS73B'):
    with connect(autocommit=True, tds_version=getattr(tds_base, name)) as conn:
        cur = conn.cursor()
        cur.execute('SELECT %s AS day', (datetime.date(2024, 2, 29),))
        versions[name] = {'negotiated': '0x%08x' % conn.tds_version, 'rows': rows(cur)}
try:
    connect(autocommit=True, tds_version=tds_base.TDS71).close()
    versions['TDS71'] = None
except pytds.Error as error:
    versions['TDS71'] = {'class': type(error).__name__, 'number': getattr(error, 'number', None), 'message': str(error)}
report['versions'] = versions

# A typed parameter query (python-tds sends sp_executesql with one declared type per Python value).
with connect(autocommit=True) as conn:
    cur = conn.cursor()
    cur.execute('SELECT %s AS i, %s AS s, %s AS d, %s AS day, %s AS flag', (42, 'héllo ☃', decimal.Decimal('12.34'), datetime.date(2024, 2, 29), True))
    report['params'] = {'columns': [column[0] for column in cur.description], 'rows': rows(cur)}

# Row counts, several result sets in one batch, and an error that leaves the connection usable.
with connect(autocommit=True) as conn:
    cur = conn.cursor()
    cur.execute('CREATE TABLE dbo.peer_counts (id int NOT NULL, name nvarchar(20) NULL) WITH (HEAP)')
    counts = {}
    cur.execute('INSERT INTO dbo.peer_counts (id, name) VALUES (%s, %s)', (1, 'a'))
    counts['insert'] = cur.rowcount
    cur.executemany('INSERT INTO dbo.peer_counts (id, name) VALUES (%s, %s)', [(2, 'b'), (3, 'c')])
    counts['executemany'] = cur.rowcount
    cur.execute('UPDATE dbo.peer_counts SET name = %s WHERE id > %s', ('z', 1))
    counts['update'] = cur.rowcount
    cur.execute('SELECT COUNT(*) AS n FROM dbo.peer_counts; SELECT id, name FROM dbo.peer_counts ORDER BY id')
    first = rows(cur)
    has_second = cur.nextset()
    second = rows(cur)
    has_third = cur.nextset()
    try:
        cur.execute('SELECT id FROM dbo.peer_missing')
        error = None
    except pytds.Error as caught:
        error = {'class': type(caught).__name__, 'number': getattr(caught, 'number', None), 'message': str(caught)}
    cur.execute('SELECT %s AS still_usable', (1,))
    report['statements'] = {'rowcount': counts, 'result_sets': [first, second], 'nextset': [has_second, has_third],
                            'error': error, 'after_error': rows(cur)}

# A transaction, committed then rolled back; each checked by reading back on another connection.
with connect(autocommit=True) as admin, connect(autocommit=False) as tx:
    admin_cur = admin.cursor()
    admin_cur.execute('CREATE TABLE dbo.peer_tx (id int NOT NULL, name nvarchar(20) NULL)')
    cur = tx.cursor()
    cur.execute('INSERT INTO dbo.peer_tx (id, name) VALUES (%s, %s)', (1, 'kept'))
    tx.commit()
    admin_cur.execute('SELECT id, name FROM dbo.peer_tx ORDER BY id')
    after_commit = rows(admin_cur)
    cur.execute('INSERT INTO dbo.peer_tx (id, name) VALUES (%s, %s)', (2, 'dropped'))
    cur.execute('SELECT @@TRANCOUNT')
    trancount_open = cur.fetchone()[0]
    tx.rollback()
    admin_cur.execute('SELECT id, name FROM dbo.peer_tx ORDER BY id')
    report['transaction'] = {'after_commit': after_commit, 'trancount_open': trancount_open, 'after_rollback': rows(admin_cur)}

# Every wire type: inserted as typed parameters, one row of values and one of NULLs, selected back.
COLUMNS = [
    ('c_tinyint', 'tinyint', 255), ('c_smallint', 'smallint', -32768), ('c_int', 'int', -2147483648),
    ('c_bigint', 'bigint', 9223372036854775807), ('c_bit', 'bit', True), ('c_real', 'real', 1.5), ('c_float', 'float', 2.25),
    ('c_decimal', 'decimal(38,10)', decimal.Decimal('1234567890123456789012345678.0123456789')),
    ('c_numeric', 'numeric(9,2)', decimal.Decimal('-1234567.89')),
    ('c_varchar', 'varchar(20)', 'abc'), ('c_nvarchar', 'nvarchar(20)', 'héllo ☃'),
    ('c_char', 'char(5)', 'abcde'), ('c_nchar', 'nchar(5)', 'ñandú'),
    ('c_varchar_max', 'varchar(max)', 'x' * 9000), ('c_nvarchar_max', 'nvarchar(max)', 'ü' * 5000),
    ('c_varbinary', 'varbinary(16)', pytds.Binary(b'\x00\x01\xff')), ('c_varbinary_max', 'varbinary(max)', pytds.Binary(b'\xab' * 10000)),
    ('c_date', 'date', datetime.date(2024, 2, 29)), ('c_time', 'time(7)', datetime.time(23, 59, 59, 123456)),
    ('c_datetime', 'datetime', datetime.datetime(2024, 2, 29, 12, 34, 56, 123000)),
    ('c_datetime2', 'datetime2(7)', datetime.datetime(2024, 2, 29, 12, 34, 56, 123456)),
    ('c_datetimeoffset', 'datetimeoffset(7)', datetime.datetime(2024, 2, 29, 12, 34, 56, 123456, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))),
    ('c_uniqueidentifier', 'uniqueidentifier', uuid.UUID('6f9619ff-8b86-d011-b42d-00c04fc964ff')),
]
with connect(autocommit=True) as conn:
    cur = conn.cursor()
    # HEAP: a MAX column is not allowed in the default clustered columnstore index.
    cur.execute('CREATE TABLE dbo.peer_types (id int NOT NULL, ' + ', '.join('{} {} NULL'.format(n, t) for n, t, _ in COLUMNS) + ') WITH (HEAP)')
    cur.execute('INSERT INTO dbo.peer_types (id, ' + ', '.join(n for n, _, _ in COLUMNS) + ') VALUES (%s' + ', %s' * len(COLUMNS) + ')',
                [1] + [v for _, _, v in COLUMNS])
    cur.execute('INSERT INTO dbo.peer_types (id) VALUES (2)')
    cur.execute('SELECT id, ' + ', '.join(n for n, _, _ in COLUMNS) + ' FROM dbo.peer_types ORDER BY id')
    names = [column[0] for column in cur.description]
    values, nulls = rows(cur)
    report['types'] = {'columns': names, 'sent': [show(v if not isinstance(v, pytds.Binary) else bytes(v)) for _, _, v in COLUMNS],
                       'values': values[1:], 'nulls': nulls[1:]}

json.dump(report, sys.stdout, ensure_ascii=False)
