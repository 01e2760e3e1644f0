import { enumOf, message, opt, rep, type EnumSpec, type MessageSpec } from './types';

/**
 * BVLC caffe.proto (master): the solver messages. A model file never contains them, but they
 * are part of caffe.proto and a solver.prototxt is read with the same rules.
 */

export const BVLC_SOLVER_ENUMS: readonly EnumSpec[] = [
  enumOf('SolverParameter.SnapshotFormat', 'File format of snapshots.', [
    ['HDF5', 0, 'HDF5 files'],
    ['BINARYPROTO', 1, 'protobuf binary files'],
  ]),
  enumOf('SolverParameter.SolverMode', 'Where the solver runs.', [
    ['CPU', 0, 'on the CPU'],
    ['GPU', 1, 'on a GPU'],
  ]),
  enumOf('SolverParameter.SolverType', 'Deprecated solver selection (use type).', [
    ['SGD', 0, 'stochastic gradient descent'],
    ['NESTEROV', 1, 'Nesterov momentum'],
    ['ADAGRAD', 2, 'AdaGrad'],
    ['RMSPROP', 3, 'RMSProp'],
    ['ADADELTA', 4, 'AdaDelta'],
    ['ADAM', 5, 'Adam'],
  ]),
];

export const BVLC_SOLVER_MESSAGES: readonly MessageSpec[] = [
  message('SolverParameter', 'How a net is trained: which nets, the learning-rate schedule, snapshots.', [
    opt('net', 24, 'string', 'Prototxt file of the train net (and test nets).'),
    opt('net_param', 25, 'NetParameter', 'The train net inline.'),
    opt('train_net', 1, 'string', 'Prototxt file of the train net.'),
    rep('test_net', 2, 'string', 'Prototxt files of the test nets.'),
    opt('train_net_param', 21, 'NetParameter', 'The train net inline.'),
    rep('test_net_param', 22, 'NetParameter', 'The test nets inline.'),
    opt('train_state', 26, 'NetState', 'State of the train net (phase TRAIN by default).'),
    rep('test_state', 27, 'NetState', 'State of each test net (phase TEST by default).'),
    rep('test_iter', 3, 'int32', 'Iterations of each test pass, one per test net.'),
    opt('test_interval', 4, 'int32', 'Training iterations between test passes.', 0),
    opt('test_compute_loss', 19, 'bool', 'Also compute the loss during tests.', false),
    opt('test_initialization', 32, 'bool', 'Run a test pass before the first iteration.', true),
    opt('base_lr', 5, 'float', 'The base learning rate.'),
    opt('display', 6, 'int32', 'Iterations between progress lines (0: none).'),
    opt('average_loss', 33, 'int32', 'Show the loss averaged over this many iterations.', 1),
    opt('max_iter', 7, 'int32', 'Iterations to train.'),
    opt('iter_size', 36, 'int32', 'Accumulate gradients over this many batches per update.', 1),
    opt('lr_policy', 8, 'string', 'Learning-rate schedule: fixed, step, exp, inv, multistep, poly, sigmoid.'),
    opt('gamma', 9, 'float', 'Factor of the step / exp / inv / sigmoid schedules.'),
    opt('power', 10, 'float', 'Exponent of the inv / poly schedules.'),
    opt('momentum', 11, 'float', 'Momentum.'),
    opt('weight_decay', 12, 'float', 'Weight decay.'),
    opt('regularization_type', 29, 'string', 'L1 or L2 weight decay.', 'L2'),
    opt('stepsize', 13, 'int32', 'Iterations per step of the step schedule.'),
    rep('stepvalue', 34, 'int32', 'Iterations at which the multistep schedule steps.'),
    opt('clip_gradients', 35, 'float', 'Clip the gradients’ L2 norm to this (negative: off).', -1),
    opt('snapshot', 14, 'int32', 'Iterations between snapshots (0: none).', 0),
    opt('snapshot_prefix', 15, 'string', 'Path prefix of snapshot files.'),
    opt('snapshot_diff', 16, 'bool', 'Also save gradients in snapshots.', false),
    opt('snapshot_format', 37, 'SolverParameter.SnapshotFormat', 'Snapshot file format.', 'BINARYPROTO'),
    opt('solver_mode', 17, 'SolverParameter.SolverMode', 'CPU or GPU.', 'GPU'),
    opt('device_id', 18, 'int32', 'GPU to use.', 0),
    opt('random_seed', 20, 'int64', 'Seed of Caffe’s random generator (negative: from the clock).', -1),
    opt('type', 40, 'string', 'Solver: SGD, Nesterov, AdaGrad, RMSProp, AdaDelta or Adam.', 'SGD'),
    opt('delta', 31, 'float', 'Numerical-stability term of the adaptive solvers.', 1e-8),
    opt('momentum2', 39, 'float', 'Adam’s second-moment decay.', 0.999),
    opt('rms_decay', 38, 'float', 'RMSProp’s decay of the mean square.', 0.99),
    opt('debug_info', 23, 'bool', 'Log per-blob statistics while training.', false),
    opt('snapshot_after_train', 28, 'bool', 'Save a snapshot when training ends.', true),
    opt('solver_type', 30, 'SolverParameter.SolverType', 'Deprecated: use type.', 'SGD'),
    opt('layer_wise_reduce', 41, 'bool', 'Overlap gradient exchange with computation (multi-GPU).', true),
    rep('weights', 42, 'string', 'Weight files to initialise from.'),
  ]),
  message('SolverState', 'A solver snapshot’s progress.', [
    opt('iter', 1, 'int32', 'The iteration reached.'),
    opt('learned_net', 2, 'string', 'The weights file saved with it.'),
    rep('history', 3, 'BlobProto', 'The solver’s history (e.g. momentum).'),
    opt('current_step', 4, 'int32', 'Current step of the step schedules.', 0),
  ]),
];
