import nock from 'nock';

// Tests never touch the network: every GitHub call must be answered by a nock scope.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
